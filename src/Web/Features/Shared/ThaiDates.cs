using System.Globalization;
using PlanNacc.Scoring.Thai;

namespace PlanNacc.Web.Features.Shared;

/// <summary>
/// Dates as Thais read them, in one place: Bangkok time, Buddhist Era, abbreviated Thai months ("25 พ.ย. 2569 02:13").
/// The fiscal year of an instant is <see cref="FiscalYears.Of(DateTimeOffset)"/> (Bangkok calendar), read from the injected clock.
/// </summary>
public static class ThaiDates
{
    /// <summary>January to December, abbreviated as Thai dates write them (the run page's script prints the same).</summary>
    public static readonly IReadOnlyList<string> Months =
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

    // Thailand keeps UTC+7 all year; a fixed offset avoids depending on the machine's tz database.
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    /// <summary>The Bangkok calendar day of a UTC instant.</summary>
    public static DateOnly BangkokDay(DateTime utc) => DateOnly.FromDateTime(utc + Bangkok);

    /// <summary>"25 พ.ย. 2569 02:13": a UTC instant in Bangkok time, Buddhist Era.</summary>
    public static string Format(DateTime utc)
    {
        var local = utc + Bangkok;
        return string.Create(CultureInfo.InvariantCulture, $"{Date(DateOnly.FromDateTime(local))} {local:HH:mm}");
    }

    /// <summary>"25 พ.ย. 2569": a calendar day in the Buddhist Era.</summary>
    public static string Date(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{day.Day} {Months[day.Month - 1]} {FiscalYears.ToBuddhistEra(day.Year)}");

    /// <summary>The fiscal year (BE) a UTC instant falls in, on the Bangkok calendar.</summary>
    public static int FiscalYearOf(DateTime utc) => FiscalYears.Of(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}

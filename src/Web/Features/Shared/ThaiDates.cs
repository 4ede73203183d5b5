using System.Globalization;

namespace PlanNacc.Web.Features.Shared;

/// <summary>Dates as Thais read them: Bangkok time, Buddhist Era, abbreviated Thai months ("25 พ.ย. 2569 02:13").</summary>
public static class ThaiDates
{
    private static readonly string[] Months =
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

    // Thailand keeps UTC+7 all year; a fixed offset avoids depending on the machine's tz database.
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    public static string Format(DateTime utc)
    {
        var local = utc + Bangkok;
        return string.Create(CultureInfo.InvariantCulture, $"{local.Day} {Months[local.Month - 1]} {local.Year + 543} {local:HH:mm}");
    }
}

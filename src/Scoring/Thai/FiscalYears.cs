namespace PlanNacc.Scoring.Thai;

/// <summary>
/// The Thai fiscal year: FY N (Buddhist Era) runs 1 October of N-1 to 30 September of N. BE = CE + 543.
/// </summary>
public static class FiscalYears
{
    public const int BuddhistEraOffset = 543;

    /// <summary>CE year → BE year.</summary>
    public static int ToBuddhistEra(int ceYear) => ceYear + BuddhistEraOffset;

    /// <summary>BE year → CE year.</summary>
    public static int ToCommonEra(int beYear) => beYear - BuddhistEraOffset;

    /// <summary>The fiscal year (BE) a calendar date (CE) falls in.</summary>
    public static int Of(DateOnly date) => ToBuddhistEra(date.Month >= 10 ? date.Year + 1 : date.Year);

    /// <summary>The fiscal year (BE) a moment falls in, on the Bangkok calendar (UTC+7, no daylight saving).</summary>
    public static int Of(DateTimeOffset moment) => Of(DateOnly.FromDateTime(moment.ToOffset(TimeSpan.FromHours(7)).DateTime));

    /// <summary>The fiscal year (BE) of a month (1-12) in a BE calendar year, as Thai dates are written.</summary>
    public static int OfThaiMonth(int beYear, int month) => month >= 10 ? beYear + 1 : beYear;

    /// <summary>1 October (N-1) to 30 September N, as CE dates.</summary>
    public static (DateOnly Start, DateOnly End) Window(int fiscalYearBe)
    {
        var ce = ToCommonEra(fiscalYearBe);
        return (new DateOnly(ce - 1, 10, 1), new DateOnly(ce, 9, 30));
    }

    /// <summary>The first half ("รอบ 6 เดือน"): 1 October (N-1) to 31 March N, as CE dates.</summary>
    public static (DateOnly Start, DateOnly End) FirstHalf(int fiscalYearBe)
    {
        var ce = ToCommonEra(fiscalYearBe);
        return (new DateOnly(ce - 1, 10, 1), new DateOnly(ce, 3, 31));
    }

    /// <summary>True when the date lies in the first half (Oct-Mar) of the given fiscal year.</summary>
    public static bool IsInFirstHalf(DateOnly date, int fiscalYearBe)
    {
        var (start, end) = FirstHalf(fiscalYearBe);
        return date >= start && date <= end;
    }

    /// <summary>
    /// The fiscal year whose ITA a date most likely belongs to: the assessment of FY N runs in calendar N (Jan-Aug),
    /// so a scan in October-December is already preparing for the next fiscal year's assessment.
    /// </summary>
    public static int AssessmentYearAt(DateOnly date) => Of(date);
}

using PlanNacc.Scoring.Criteria;
using PlanNacc.Web.Features.Shared;

namespace PlanNacc.Web.Features.Criteria;

/// <summary>
/// Which criteria judge a fiscal year, said on every page, export and API answer that shows results: the fiscal year
/// assessed, the criteria year used (another when the assessed year has no criteria yet), and whether those criteria
/// are provisional. Never silent: <see cref="Th"/> and <see cref="En"/> name both years.
/// </summary>
public sealed record CriteriaNotice(int FiscalYear, int CriteriaYear, bool Provisional, string? Source)
{
    /// <summary>The assessed year has no criteria of its own: an earlier year's judge it.</summary>
    public bool Fallback => CriteriaYear != FiscalYear;

    /// <summary>Worth a line on the page: a fallback or provisional criteria.</summary>
    public bool ShouldShow => Fallback || Provisional;

    public string Th =>
        (Fallback
            ? $"ยังไม่มีเกณฑ์ ITA ปี {FiscalYear}: ตรวจปีงบประมาณ พ.ศ. {FiscalYear} ด้วยเกณฑ์ ITA ปี {CriteriaYear} ซึ่งเป็นปีล่าสุดที่มี"
            : $"ตรวจด้วยเกณฑ์ ITA ปี {CriteriaYear} (ปีงบประมาณ พ.ศ. {FiscalYear})")
        + (Provisional ? $" · เกณฑ์ปี {CriteriaYear} เป็นฉบับชั่วคราว ยังไม่ยืนยัน{SourceTh}" : "");

    public string En =>
        (Fallback
            ? $"No ITA {FiscalYear} criteria yet: fiscal year {FiscalYear} judged with the ITA {CriteriaYear} criteria, "
                + "the newest there are"
            : $"Judged with the ITA {CriteriaYear} criteria (fiscal year {FiscalYear})")
        + (Provisional ? $" · the ITA {CriteriaYear} criteria are provisional, not confirmed{SourceEn}" : "");

    private string SourceTh => string.IsNullOrWhiteSpace(Source) ? "" : $" (แหล่งที่มา: {Source})";

    private string SourceEn => string.IsNullOrWhiteSpace(Source) ? "" : $" (source: {Source})";

    public static CriteriaNotice Of(CriteriaResolution resolution) =>
        new(resolution.RequestedYear, resolution.Set.Year, resolution.Set.Provisional, resolution.Set.Source);
}

public static class CriteriaNoticeExports
{
    /// <summary>
    /// The table with a note saying which criteria judged it when the assessed year had none of its own or they are
    /// provisional: an export read away from the page must not pass for a confirmed year's result.
    /// </summary>
    public static ExportTable WithNotice(this ExportTable table, CriteriaNotice? notice) =>
        notice is { ShouldShow: true } ? table with { Note = notice.Th } : table;
}

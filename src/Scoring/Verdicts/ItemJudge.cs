using PlanNacc.Scoring.Classification;
using PlanNacc.Scoring.Criteria;
using PlanNacc.Scoring.Thai;

namespace PlanNacc.Scoring.Verdicts;

/// <summary>
/// Judges one item: the best evidence (reachable, right kind, right period, components met) passes; missing, wrong
/// year, unreachable or an unmet component fails with the reason; content the machine cannot read goes to review.
/// </summary>
internal static class ItemJudge
{
    private enum Outcome { Met, Review, Fail }

    /// <summary>How many places an item's verdict shows at most: enough for every copy a small site holds, bounded on a big one.</summary>
    private const int MaxEvidence = 8;

    // a target whose own content carries the kind: read and confirming, or unreadable (a scan) under a title or link naming it
    private static bool Carries(Evidence e) =>
        e.State == TargetState.Ok && e.Support is ContentSupport.Title or ContentSupport.Text
        || e.State == TargetState.Unreadable && (e.Support == ContentSupport.Title || e.LinkNamesKind);

    private sealed record ComponentResult(Outcome Outcome, Evidence? Evidence, string? Kind, Reason Reason, Reason? Fix);

    public static ItemVerdict Judge(CriteriaItem item, int fiscalYear, IReadOnlyList<Evidence> evidence)
    {
        var candidates = evidence.Where(e => e.Kinds.Any(k => item.Kinds.Contains(k))).ToList();
        var components = item.Components.Where(c => !c.Check.Manual).ToList();
        var results = new List<ComponentResult>();
        if (components.Count == 0)
        {
            results.Add(JudgeComponent(item, null, fiscalYear, candidates));
        }
        else
        {
            foreach (var c in components)
            {
                results.Add(JudgeComponent(item, c, fiscalYear, candidates));
            }
        }

        var status = results.Any(r => r.Outcome == Outcome.Fail) ? VerdictStatus.Fail
            : results.Any(r => r.Outcome == Outcome.Review) ? VerdictStatus.Review
            : VerdictStatus.Pass;
        var reasons = new List<Reason>();
        foreach (var r in results.Where(r => status == VerdictStatus.Pass || r.Outcome != Outcome.Met))
        {
            if (!reasons.Contains(r.Reason)) reasons.Add(r.Reason);
        }
        foreach (var c in item.Components.Where(c => c.Check.Manual))
        {
            reasons.Add(new Reason($"องค์ประกอบที่ {c.N} ต้องให้เจ้าหน้าที่ตรวจ: {c.Th}",
                $"Component {c.N} needs a person to check: {c.En}"));
        }
        var refs = new List<EvidenceRef>();
        foreach (var r in results)
        {
            if (r.Evidence is { } e && refs.All(x => x.Url != e.Url.ToString()))
            {
                refs.Add(e.ToRef(r.Kind ?? e.Kinds[0]) with { Decisive = true });
                // a document attached to a page of the same item: the page is shown too, as the assessor reaches it
                if (e.FoundOn is { } on && candidates.FirstOrDefault(c => c.Url == on && c.Support == ContentSupport.Title) is { } page
                    && refs.All(x => x.Url != page.Url.ToString()))
                {
                    refs.Add(page.ToRef(r.Kind ?? page.Kinds[0]));
                }
            }
        }
        // every other place whose content carries the item is shown too, newest first (the officer sees all of it, and a
        // second copy of a plan is where the assessor may look); content that confirms nothing is not added to a passing item
        // among places of equal rank and year, the shallower click path first (what the assessor reaches first from the
        // home page), then the newest by the page's own dates: a notice linked from the home page is not lost behind 30 older ones
        foreach (var e in candidates.Where(Carries).OrderBy(Rank).ThenBy(e => e.Support == ContentSupport.Title ? 0 : 1)
            .ThenByDescending(e => e.Classification.FiscalYear ?? e.Classification.FiscalYearSpan?[1] ?? 0)
            .ThenBy(ClickDepth).ThenByDescending(NewestOwnYear)
            .ThenByDescending(e => e.Classification.Confidence))
        {
            if (refs.Count >= MaxEvidence) break;
            if (refs.Any(x => x.Url == e.Url.ToString())) continue;
            refs.Add(e.ToRef(e.Kinds.First(k => item.Kinds.Contains(k))));
        }
        // when nothing passed, still show what was found (content that names the item first), so the officer sees what to fix
        if (status != VerdictStatus.Pass)
        {
            foreach (var e in candidates.OrderBy(Rank).ThenBy(e => e.Support == ContentSupport.Title ? 0 : 1)
                .ThenBy(e => e.LinkNamesKind ? 0 : 1).ThenBy(ClickDepth).ThenByDescending(e => e.Classification.Confidence))
            {
                if (refs.Count >= 3) break;
                if (refs.Any(x => x.Url == e.Url.ToString())) continue;
                refs.Add(e.ToRef(e.Kinds.First(k => item.Kinds.Contains(k))));
            }
        }
        var fix = results.FirstOrDefault(r => r.Outcome != Outcome.Met)?.Fix;
        return new ItemVerdict
        {
            Code = item.Code,
            Title = item.TitleTh,
            TitleEn = item.TitleEn,
            Indicator = item.Indicator,
            SubIndicator = item.SubIndicator,
            Kinds = item.Kinds,
            Status = status,
            Score = status == VerdictStatus.Pass ? 100 : 0,
            Evidence = refs,
            Reasons = reasons,
            FixHint = status == VerdictStatus.Pass ? null : fix,
        };
    }

    private static ComponentResult JudgeComponent(CriteriaItem item, Component? component, int year, List<Evidence> candidates)
    {
        var kinds = component?.Check.Kinds is { Count: > 0 } ck ? ck : item.Kinds;
        var period = CriteriaItem.ParsePeriod(component?.Check.Period) ?? item.Period;
        var what = component is null ? (item.TitleTh, item.TitleEn) : (component.Th, component.En);
        var label = LabelOf(kinds);
        var of = candidates.Where(e => e.Kinds.Any(kinds.Contains)).ToList();
        // judge the documents behind a list, not the list (a readable list may front a scanned PDF)
        if (of.Any(e => !e.IsListing))
        {
            of = of.Where(e => !e.IsListing).ToList();
        }
        var need = NeededYearText(period, year);

        if (of.Count == 0)
        {
            return new ComponentResult(Outcome.Fail, null, null,
                new Reason($"ไม่พบ{label.Th}บนเว็บไซต์", $"No {label.En} found on the site"),
                new Reason($"เผยแพร่{label.Th}{need.Th} บนเว็บไซต์ของหน่วยงาน และลิงก์จากหน้าหลักหรือหน้า ITA",
                    $"Publish the {label.En}{need.En} on the LAO's own site and link it from the home page or the ITA page"));
        }

        // best first: usable state, right period, then confidence; chrome counts once like any other link
        var judged = of.Select(e => (Evidence: e, Period: PeriodFit(e, period, year)))
            .OrderBy(x => Rank(x.Evidence))
            .ThenBy(x => x.Period == Fit.Yes ? 0 : x.Period == Fit.Unknown ? 1 : 2)
            // a page dedicated to the item (its own title names it) before a general page that mentions it
            .ThenBy(x => x.Evidence.Support == ContentSupport.Title ? 0 : 1)
            .ThenBy(x => x.Evidence.LinkNamesKind ? 0 : 1)
            .ThenByDescending(x => x.Evidence.Classification.Confidence)
            .ToList();

        // the item's own page (its link or its title names the item) is empty: a page tied to the item only by the menu it
        // sits under, whose link and content name nothing of it, does not outweigh that (it is no evidence, not a review)
        var emptyOwnPage = judged.FirstOrDefault(x => x.Evidence.State == TargetState.Placeholder && x.Period != Fit.No
            && (x.Evidence.LinkNamesKind || x.Evidence.Support == ContentSupport.Title)).Evidence;
        foreach (var (e, fit) in judged)
        {
            if (e.State is TargetState.Unreachable or TargetState.Placeholder || fit == Fit.No) continue;
            if (emptyOwnPage is not null && e.State == TargetState.Ok && Unconfirmed(e) && !e.LinkNamesKind) continue;
            // nor does a place that names the item only in part: the empty page is what the officer must fill
            if (emptyOwnPage is not null && !emptyOwnPage.InPart && e.InPart) continue;
            var kind = e.Kinds.First(kinds.Contains);
            if (e.State == TargetState.Unreadable)
            {
                return new ComponentResult(Outcome.Review, e, kind,
                    new Reason($"พบ{label.Th}ที่ {e.Url} แต่เครื่องอ่านเนื้อหาไม่ได้ ({StateThai(e.StateDetail)}) ต้องให้เจ้าหน้าที่ตรวจ",
                        $"Found the {label.En} at {e.Url} but its content cannot be read by machine ({e.StateDetail}); a person must " +
                            $"check it"),
                    new Reason($"ตรวจ{label.Th}ที่ {e.Url} ด้วยตนเอง หรือเผยแพร่เป็นข้อความ/PDF ที่มีข้อความ",
                        $"Check the {label.En} at {e.Url} by hand, or publish it as text or a text PDF"));
            }
            if (e.State == TargetState.Mismatch)
            {
                return new ComponentResult(Outcome.Review, e, kind,
                    new Reason($"หน้าที่ลิงก์ว่า \"{e.Text}\" ({e.Url}) มีเนื้อหาเป็นเรื่องอื่น ({e.StateDetail}) ไม่ใช่{label.Th} " +
                        $"ต้องให้เจ้าหน้าที่ตรวจ",
                        $"The page linked as \"{e.Text}\" ({e.Url}) holds another item ({e.StateDetail}), not the {label.En}; a person " +
                            $"must check it"),
                    new Reason($"ใส่{label.Th}ที่ {e.Url} หรือแก้ลิงก์ \"{e.Text}\" ให้ชี้ไปยังหน้าที่ถูกต้อง",
                        $"Put the {label.En} at {e.Url}, or point the link \"{e.Text}\" at the right page"));
            }
            // a page that was read and names nothing of the item: its link alone cannot make a pass
            if (e.State == TargetState.Ok && Unconfirmed(e))
            {
                return new ComponentResult(Outcome.Review, e, kind,
                    new Reason($"หน้าที่ลิงก์ว่า \"{e.Text}\" ({e.Url}) ไม่มีเนื้อหาที่ยืนยันว่าเป็น{label.Th} ต้องให้เจ้าหน้าที่ตรวจ",
                        $"The page linked as \"{e.Text}\" ({e.Url}) has no content that confirms the {label.En}; a person must check it"),
                    new Reason($"ระบุชื่อ{label.Th}ในหัวเรื่องหรือเนื้อหาของหน้า {e.Url}",
                        $"Name the {label.En} in the title or text of {e.Url}"));
            }
            // an off-site profile is itself the social channel when the site presents it as its own (chrome or home page);
            // a profile linked from inside one article is someone else's; any other target not opened cannot confirm the item
            if (e.State == TargetState.NotFetched && !(kind == "social-network" && (e.Chrome || e.Path.Count <= 2)))
            {
                return new ComponentResult(Outcome.Review, e, kind,
                    new Reason($"พบลิงก์{label.Th} \"{e.Text}\" ที่ {e.Url} แต่ไม่ได้เปิดอ่านเนื้อหา ต้องให้เจ้าหน้าที่ตรวจ",
                        $"Found a link to the {label.En} (\"{e.Text}\", {e.Url}) but its content was not opened; a person must check it"),
                    new Reason($"ตรวจ{label.Th}ที่ {e.Url} ด้วยตนเอง", $"Check the {label.En} at {e.Url} by hand"));
            }
            // a place that names the item only in part (a grievance box that never says corruption): shown, at most review
            if (e.InPart)
            {
                var inPart = KindRules.InPartNoteOf(kind);
                return new ComponentResult(Outcome.Review, e, kind,
                    new Reason($"หน้าที่ลิงก์ว่า \"{e.Text}\" ({e.Url}) ระบุ{label.Th}เพียงบางส่วน: " +
                            (inPart?.Th ?? "ต้องให้เจ้าหน้าที่ตรวจว่าตรงกับรายการนี้"),
                        $"The page linked as \"{e.Text}\" ({e.Url}) names the {label.En} only in part: " +
                            (inPart?.En ?? "a person must check that it is this item")),
                    new Reason($"ระบุให้ชัดในหัวเรื่องหรือเนื้อหาของหน้า {e.Url} ว่าเป็น{label.Th}",
                        $"Say plainly in the title or text of {e.Url} that it is the {label.En}"));
            }
            if (component is not null && ContentProblem(component.Check, e) is { } problem)
            {
                return new ComponentResult(Outcome.Fail, e, kind, problem,
                    new Reason($"เพิ่มข้อมูลให้ครบ: {component.Th}", $"Complete the content: {component.En}"));
            }
            if (fit == Fit.Unknown)
            {
                return new ComponentResult(Outcome.Review, e, kind,
                    new Reason($"พบ{label.Th}ที่ {e.Url} แต่ไม่ระบุปีงบประมาณ ต้องเป็น{need.Th}",
                        $"Found the {label.En} at {e.Url} but it states no fiscal year; it must be{need.En}"),
                    new Reason($"ระบุปีงบประมาณในชื่อเอกสารหรือลิงก์ ({need.Th.Trim()})",
                        $"State the fiscal year in the link or file name ({need.En.Trim()})"));
            }
            var note = e.State == TargetState.NotFetched ? " (ตรวจจากที่อยู่ของช่องทาง ไม่ได้เปิดเนื้อหา)" : "";
            var noteEn = e.State == TargetState.NotFetched ? " (judged on the channel's address; it was not fetched)" : "";
            return new ComponentResult(Outcome.Met, e, kind,
                new Reason($"พบ{label.Th}{YearText(e).Th} ที่ {PathText(e)}{note}",
                    $"Found the {label.En}{YearText(e).En} at {PathText(e)}{noteEn}"), null);
        }

        // nothing usable: say why, from the best candidate of the right period when there is one
        var best = emptyOwnPage ?? judged.FirstOrDefault(x => x.Period != Fit.No).Evidence ?? judged[0].Evidence;
        if (best.State == TargetState.Unreachable)
        {
            return new ComponentResult(Outcome.Fail, best, best.Kinds.First(kinds.Contains),
                new Reason($"ลิงก์{label.Th} ({best.Url}) เปิดไม่ได้: {best.StateDetail}",
                    $"The {label.En} link ({best.Url}) does not open: {best.StateDetail}"),
                new Reason($"แก้ลิงก์ {best.Url} ให้เปิดได้โดยไม่ต้องเข้าสู่ระบบ", $"Fix the link {best.Url} so it opens without a login"));
        }
        if (best.State == TargetState.Placeholder && best.StateDetail == "empty")
        {
            return new ComponentResult(Outcome.Fail, best, best.Kinds.First(kinds.Contains),
                new Reason($"หน้าที่ลิงก์ว่า \"{best.Text}\" ว่างเปล่า ไม่มีเนื้อหาของ{label.Th}: {best.Url}",
                    $"The page linked as \"{best.Text}\" is empty, with no {label.En}: {best.Url}"),
                new Reason($"ใส่เนื้อหา{label.Th}{need.Th} ที่ {best.Url}", $"Put the {label.En}{need.En} at {best.Url}"));
        }
        if (best.State == TargetState.Placeholder)
        {
            return new ComponentResult(Outcome.Fail, best, best.Kinds.First(kinds.Contains),
                new Reason($"หน้าที่ลิงก์ว่า \"{best.Text}\" ยังไม่มีเนื้อหา (อยู่ระหว่างจัดทำ/ข้อความแม่แบบ): {best.Url}",
                    $"The page linked as \"{best.Text}\" has no content yet (placeholder or template text): {best.Url}"),
                new Reason($"ใส่เนื้อหา{label.Th}{need.Th} ที่ {best.Url}", $"Put the {label.En}{need.En} at {best.Url}"));
        }
        if (judged.Any(x => x.Period != Fit.No))
        {
            // right period but not usable for another reason already said above; keep the wrong-year message for real wrong years
            return new ComponentResult(Outcome.Fail, best, best.Kinds.First(kinds.Contains),
                new Reason($"พบ{label.Th}ที่ {best.Url} แต่ใช้เป็นหลักฐานไม่ได้ ({StateThai(best.State, best.StateDetail)})",
                    $"Found the {label.En} at {best.Url} but it cannot serve as evidence ({best.State})"),
                new Reason($"ตรวจลิงก์และเนื้อหา{label.Th}ที่ {best.Url}", $"Check the link and content of the {label.En} at {best.Url}"));
        }
        var newest = of.Select(e => e.Classification.FiscalYear ?? e.Classification.FiscalYearSpan?[1]).Where(y => y is not null).Max();
        var newestAt = of.FirstOrDefault(e => (e.Classification.FiscalYear ?? e.Classification.FiscalYearSpan?[1]) == newest) ?? best;
        return new ComponentResult(Outcome.Fail, newestAt, newestAt.Kinds.First(kinds.Contains),
            new Reason($"พบ{label.Th} แต่เป็นของปี {YearText(newestAt).Th.Trim()} ไม่ใช่{need.Th}",
                $"Found the {label.En} only for{YearText(newestAt).En}, not{need.En}"),
            new Reason($"เผยแพร่{label.Th}{need.Th} (ฉบับล่าสุดที่พบคือปี {newest} ที่ {newestAt.Url})",
                $"Publish the {label.En}{need.En}; the newest found is FY{newest} at {newestAt.Url}"));
    }

    private static Reason? ContentProblem(ComponentCheck check, Evidence e)
    {
        if (e.TargetText is not { } text || e.State != TargetState.Ok)
        {
            return null; // not fetched: judged on the link alone
        }
        if (check.TextAll is { Count: > 0 } all)
        {
            var missing = all.Where(t => !text.Contains(ThaiText.Normalize(t), StringComparison.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                return new Reason($"หน้า {e.Url} ไม่มีข้อมูล: {string.Join(", ", missing)}",
                    $"The page {e.Url} does not show: {string.Join(", ", missing)}");
            }
        }
        if (check.TextAny is { Count: > 0 } any && !any.Any(t => text.Contains(ThaiText.Normalize(t), StringComparison.Ordinal)))
        {
            return new Reason($"หน้า {e.Url} ไม่มีข้อมูลที่ต้องแสดง ({string.Join(" / ", any)})",
                $"The page {e.Url} shows none of: {string.Join(" / ", any)}");
        }
        if (check.Images && !e.TargetHasImages)
        {
            return new Reason($"หน้า {e.Url} ไม่มีรูปถ่าย", $"The page {e.Url} has no photos");
        }
        if (check.NotWholeLaw && IsWholeLaw(e))
        {
            return new Reason($"{e.Url} เป็นตัวบทกฎหมายทั้งฉบับ ซึ่งไม่นับเป็นอำนาจหน้าที่ของหน่วยงาน",
                $"{e.Url} is the full text of a law, which does not count as the agency's duties");
        }
        return null;
    }

    private static bool IsWholeLaw(Evidence e)
    {
        var t = ThaiText.Normalize(e.Text);
        return (t.Contains("พระราชบัญญัติ", StringComparison.Ordinal) || t.Contains("พ.ร.บ", StringComparison.Ordinal))
            && !t.Contains("อำนาจหน้าที่", StringComparison.Ordinal);
    }

    internal enum Fit { Yes, Unknown, No }

    internal static Fit PeriodFit(Evidence e, PeriodRule period, int year)
    {
        if (period == PeriodRule.Standing) return Fit.Yes;
        var c = e.Classification;
        var target = period == PeriodRule.Previous ? year - 1 : year;
        if (c.FiscalYearSpan is [var from, var to])
        {
            return from <= year && year <= to ? Fit.Yes : Fit.No;
        }
        if (c.FiscalYear is { } fy)
        {
            if (fy == target) return Fit.Yes;
            // filed under this year's ITA ("ITA 2568 › o13 รายงานผล…"): the assessor's own filing says which year it serves
            return Fit.No;
        }
        if (c.AssessmentYear is { } filedFor)
        {
            // no year of its own, filed under an ITA year's menu: that filing says which assessment it serves
            return filedFor == year ? Fit.Yes : Fit.No;
        }
        if (e.TargetYears.Contains(target)) return Fit.Yes;
        return e.TargetYears.Count > 0 ? Fit.No : Fit.Unknown;
    }

    // content that confirms the item first; then what a person can confirm; then what cannot serve
    private static int Rank(Evidence e) => e.State switch
    {
        TargetState.Ok => Unconfirmed(e) ? 2 : e.InPart ? 1 : 0,
        TargetState.Unreadable => e.Support == ContentSupport.Title ? 1 : 4,
        TargetState.NotFetched => 3,
        TargetState.Mismatch => 5,
        TargetState.Placeholder => 6,
        _ => 7,
    };

    // clicks from the home page (a link on the home page is ["หน้าหลัก", text]); a place with no known path sorts last
    private static int ClickDepth(Evidence e) => e.Path.Count > 0 ? e.Path.Count : int.MaxValue;

    // the newest year the target's own content states (news dates, its title), 0 when it states none
    private static int NewestOwnYear(Evidence e) => e.TargetYears.Count > 0 ? e.TargetYears.Max() : 0;

    // read (its text is known) and confirming nothing; a target whose text was not read (an office file) is judged by its link
    private static bool Unconfirmed(Evidence e) =>
        e.Support == ContentSupport.None || e.Support == ContentSupport.Unknown && e.TargetText is not null;

    private static (string Th, string En) LabelOf(IReadOnlyList<string> kinds)
    {
        var k = DisclosureKinds.Get(kinds[0]);
        return (k.LabelTh, k.LabelEn);
    }

    private static (string Th, string En) NeededYearText(PeriodRule period, int year) => period switch
    {
        PeriodRule.Current => ($" ประจำปีงบประมาณ พ.ศ. {year}", $" for FY{year}"),
        PeriodRule.Previous => ($" ของปีงบประมาณ พ.ศ. {year - 1}", $" for FY{year - 1}"),
        PeriodRule.H1 => ($" รอบ 6 เดือนแรกของปีงบประมาณ พ.ศ. {year} (ต.ค. {year - 1 - 2500} - มี.ค. {year - 2500})",
            $" for the first half of FY{year} (Oct-Mar)"),
        PeriodRule.Span => ($" ที่ครอบคลุมปี พ.ศ. {year}", $" covering FY{year}"),
        _ => ("", ""),
    };

    private static (string Th, string En) YearText(Evidence e) =>
        e.Classification.FiscalYearSpan is [var a, var b] ? ($" พ.ศ. {a}-{b}", $" {a}-{b}")
        : e.Classification.FiscalYear is { } y ? ($" ปี {y}", $" FY{y}")
        : ("", "");

    private static string PathText(Evidence e) => e.Path.Count > 0 ? string.Join(" > ", e.Path) : e.Url.ToString();

    // the crawler's reasons ("no-text-layer: …", "broken-thai-glyphs: …") in words an LAO officer reads
    internal static string StateThai(string? detail) => detail switch
    {
        "image-only" => "มีแต่รูปภาพ",
        "frame-only" => "มีแต่กรอบแสดงหน้าอื่น",
        "image" => "เป็นไฟล์ภาพ เช่น ภาพสแกน",
        "empty" => "ไม่มีเนื้อหา",
        "placeholder" => "มีแต่ข้อความว่ายังไม่มีข้อมูล",
        null => "อ่านไม่ได้",
        _ when detail.StartsWith("no-text-layer", StringComparison.Ordinal) => "ไฟล์ PDF ไม่มีข้อความ น่าจะเป็นภาพสแกน",
        _ when detail.StartsWith("broken-thai-glyphs", StringComparison.Ordinal) || detail.StartsWith("broken-glyphs",
            StringComparison.Ordinal)
            => "ตัวอักษรไทยในไฟล์เพี้ยน (ฟอนต์เสีย) อ่านเป็นข้อความไม่ได้",
        _ when detail.StartsWith("http ", StringComparison.Ordinal) => $"เปิดไม่ได้ ({detail})",
        _ => detail,
    };

    private static string StateThai(TargetState state, string? detail) => state switch
    {
        TargetState.Unreachable => StateThai(detail ?? "http"),
        TargetState.NotFetched => "ไม่ได้เปิดอ่าน",
        TargetState.Mismatch => "เนื้อหาเป็นเรื่องอื่น",
        _ => StateThai(detail),
    };
}

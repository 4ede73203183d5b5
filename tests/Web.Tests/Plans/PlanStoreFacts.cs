using Dapper;
using PlanNacc.Web.Features.Plans;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Plans;

/// <summary>Plan frameworks as data, the plan's history and "as it stood on date D", and report rounds, on SQLite and PostgreSQL.</summary>
public sealed class PlanStoreFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    private static readonly PlanFrameworks Frameworks = new();

    public static ProjectInput Project(string name, int dimension, string subItem, params (int Year, decimal? Amount)[] budgets) => new()
    {
        Name = name,
        Type = "โครงการ",
        Dimension = dimension,
        SubItem = subItem,
        Quarters = [1, 2],
        Budgets = budgets.ToDictionary(b => b.Year, b => b.Amount),
        TargetGroups = ["พนักงาน/ลูกจ้าง"],
        Objectives = "สร้างจิตสำนึก",
        Note = "",
    };

    [Theory]
    [InlineData("2561-2564", 2, "มิติที่ 2 การบริหารราชการเพื่อป้องกันการทุจริต")]
    [InlineData("2566-2570", 2, "มิติที่ 2 การบริหารราชการด้วยความโปร่งใส")]
    [InlineData("2561-2564", 4, "มิติที่ 4 การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น")]
    [InlineData("2566-2570", 1, "มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต")]
    public void Frameworks_LabelDimensions_AsTheDomainNotesWriteThem(string cycle, int dimension, string label)
    {
        var framework = Frameworks.Find(cycle);

        Assert.NotNull(framework);
        Assert.Equal(label, framework.DimensionOf(dimension)?.Label);
        Assert.Equal(4, framework.Dimensions.Count);
    }

    [Fact]
    public void Frameworks_Hold2561SubItems_WithOnly11Confirmed()
    {
        var framework = Frameworks.Find("2561-2564")!;

        var subItems = framework.Dimensions.SelectMany(d => d.SubItems).ToList();

        Assert.Equal(["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4"],
            subItems.Select(s => s.Code));
        Assert.Equal(["1.1"], subItems.Where(s => s.Confirmed).Select(s => s.Code));
        Assert.Equal("จิตสำนึกและความตระหนักแก่บุคลากร (การเมืองฝ่ายบริหาร, ฝ่ายสภา, ฝ่ายประจำ)", framework.SubItemOf("1.1")!.Label);
        Assert.Equal(2568, Frameworks.ForYear(2568).FirstYear + 2);
    }

    [Theory]
    [InlineData("""{"cycle":"2571-2575","firstYear":2571,"lastYear":2575,"source":"x","dimensions":[]}""", "four dimensions")]
    [InlineData("""{"cycle":"2571-2574","firstYear":2571,"lastYear":2575,"source":"x","dimensions":[]}""", "firstYear-lastYear")]
    public void Parse_Refuses_WhenTheFileBreaksTheFramework(string json, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => PlanFrameworks.Parse("bad.json", json));

        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Frameworks_Refuse_ACycleDefinedTwice()
    {
        var json = typeof(PlanFrameworks).Assembly.GetManifestResourceNames().Single(n
            => n.EndsWith("plan-2566-2570.json", StringComparison.Ordinal));
        using var reader = new StreamReader(typeof(PlanFrameworks).Assembly.GetManifestResourceStream(json)!);
        var text = reader.ReadToEnd();

        Assert.Throws<InvalidDataException>(() => new PlanFrameworks([("a.json", text), ("b.json", text)]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AsOfAsync_RebuildsThePlan_AsItStoodOnEachDay(string provider)
    {
        var (store, clock, code) = await NewPlanAsync(provider);
        var day = new DateTimeOffset(2024, 1, 10, 3, 0, 0, TimeSpan.Zero);
        clock.Now = day;
        var a = await store.AddAsync(code, "2566-2570", Project("อบรมคุณธรรม", 1, "1", (2567, 20000m), (2568, null)), "lao");
        clock.Now = day.AddDays(1);
        var b = await store.AddAsync(code, "2566-2570", Project("ประกาศเจตจำนง", 2, "2", (2567, null)), "lao");
        clock.Now = day.AddDays(2);
        await store.UpdateAsync(code, "2566-2570", a, Project("อบรมคุณธรรม", 1, "1", (2567, 35000m), (2568, null)), "lao");
        clock.Now = day.AddDays(3);
        await store.RemoveAsync(code, "2566-2570", b, "lao");
        clock.Now = day.AddDays(4);
        await store.UpdateAsync(code, "2566-2570", a, Project("อบรมคุณธรรมจริยธรรม", 1, "1", (2567, 35000m), (2568, null)), "lao2");

        var history = await store.HistoryAsync(code, "2566-2570");
        var secondDay = await store.AsOfAsync(code, "2566-2570", day.AddDays(1).UtcDateTime);
        var thirdDay = await store.AsOfAsync(code, "2566-2570", day.AddDays(2).UtcDateTime);
        var fourthDay = await store.AsOfAsync(code, "2566-2570", day.AddDays(3).UtcDateTime);
        var now = await store.ProjectsAsync(code, "2566-2570");

        Assert.Equal(["add", "add", "budget", "remove", "edit"], history.Select(h => h.Action));
        Assert.Equal(["lao", "lao", "lao", "lao", "lao2"], history.Select(h => h.Actor));
        Assert.Equal(day.AddDays(2).UtcDateTime, history[2].At);
        Assert.Equal(20000m, history[2].Before!.Budgets[2567]);
        Assert.Equal(35000m, history[2].After!.Budgets[2567]);
        Assert.Equal(new (long, decimal?)[] { (a, 20000m), (b, null) }, secondDay.Select(p => (p.Id, p.BudgetIn(2567))));
        Assert.Equal(new (long, decimal?)[] { (a, 35000m), (b, null) }, thirdDay.Select(p => (p.Id, p.BudgetIn(2567))));
        Assert.Equal([a], fourthDay.Select(p => p.Id));
        Assert.Equal("อบรมคุณธรรม", fourthDay[0].Details.Name);
        Assert.Equal("อบรมคุณธรรมจริยธรรม", Assert.Single(now).Details.Name);
        Assert.True(now[0].RunsIn(2568));
        Assert.Null(now[0].BudgetIn(2568));
        Assert.Empty(await store.AsOfAsync(code, "2566-2570", day.AddHours(-1).UtcDateTime));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddManyAsync_AddsNothing_WhenOneProjectIsBad(string provider)
    {
        var (store, _, code) = await NewPlanAsync(provider);

        var e = await Assert.ThrowsAsync<PlanValidationException>(() => store.AddManyAsync(code, "2566-2570",
            [Project("ดี", 1, "1", (2567, 1000m)), Project("ปีผิด", 1, "1", (2571, 1000m)), Project("ติดลบ", 3, "3", (2568, -5m)),
                Project("มิติผิด", 5, "5", (2568, 5m))], "lao"));

        Assert.Equal(["2:budget2571", "3:budget2568", "4:dimension"], e.Problems.Select(p => p.Field));
        Assert.Empty(await store.ProjectsAsync(code, "2566-2570"));
        Assert.Empty(await store.HistoryAsync(code, "2566-2570"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SubmitAsync_LocksTheRound_UntilTheProvinceReopensWithAReason(string provider)
    {
        var (store, clock, code) = await NewPlanAsync(provider);
        var db = await databases.GetAsync(provider);
        var reports = new ReportStore(db.Database, clock);
        clock.Now = new DateTimeOffset(2025, 4, 20, 5, 0, 0, TimeSpan.Zero);
        var id = await store.AddAsync(code, "2566-2570", Project("อบรม", 1, "1", (2568, 10000m)), "lao");

        var early = await Assert.ThrowsAsync<ReportException>(() => reports.SubmitAsync(code, 2568, 1, [id], "lao"));
        await reports.SaveLineAsync(code, 2568, 1,
            new ReportLine { ProjectId = id, PlanBudget = 10000m, OrdinanceBudget = 8000m, Disbursed = 5000m, InOrdinance = true,
                Status = PlanVocabulary.InProgress }, "lao");
        await reports.SubmitAsync(code, 2568, 1, [id], "lao");
        var locked = await Assert.ThrowsAsync<ReportException>(()
            => reports.SaveLineAsync(code, 2568, 1, new ReportLine { ProjectId = id, Status = PlanVocabulary.Done }, "lao"));
        await Assert.ThrowsAsync<ReportException>(() => reports.ReopenAsync(code, 2568, 1, "  ", "sing"));
        var submitted = await reports.RoundAsync(code, 2568, 1);
        clock.Now = new DateTimeOffset(2025, 5, 2, 5, 0, 0, TimeSpan.Zero);
        await reports.ReopenAsync(code, 2568, 1, "ยอดเบิกจ่ายไม่ตรงฎีกา", "sing");
        await reports.SaveLineAsync(code, 2568, 1,
            new ReportLine { ProjectId = id, PlanBudget = 10000m, OrdinanceBudget = 8000m, Disbursed = 6000m, InOrdinance = true,
                Status = PlanVocabulary.InProgress }, "lao");
        await reports.SubmitAsync(code, 2568, 1, [id], "lao");
        var resubmitted = await reports.RoundAsync(code, 2568, 1);

        Assert.Contains("1 โครงการ", early.Message);
        Assert.Contains("ส่งรายงานรอบนี้แล้ว", locked.Message);
        Assert.Equal(RoundState.OnTime, submitted.StateOn(clock.Now.UtcDateTime));
        Assert.Equal(RoundState.Late, resubmitted.StateOn(clock.Now.UtcDateTime));
        Assert.Equal("ยอดเบิกจ่ายไม่ตรงฎีกา", resubmitted.ReopenReason);
        Assert.Equal("sing", resubmitted.ReopenedBy);
        Assert.Equal(6000m, Assert.Single(resubmitted.Lines).Disbursed);
        Assert.True(Assert.Single(resubmitted.Lines).InOrdinance);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(["report-submit", "report-reopen", "report-submit"], await connection.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE entity = 'report_round' AND entity_id = @id ORDER BY id", new { id = $"{code}/2568/1" }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NationalSummary_CountsProjectsBudgetsAndRounds_PerProvince(string provider)
    {
        var (store, clock, code) = await NewPlanAsync(provider);
        var db = await databases.GetAsync(provider);
        var province = "จังหวัด" + code;
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code) with { Province = province },
            TestData.Lao(TestData.NewCode()) with { Province = province }], "test");
        clock.Now = new DateTimeOffset(2025, 4, 29, 5, 0, 0, TimeSpan.Zero);
        var a = await store.AddAsync(code, "2566-2570", Project("ก", 1, "1", (2568, 1500m)), "lao");
        await store.AddAsync(code, "2566-2570", Project("ข", 1, "1", (2568, null)), "lao");
        var c = await store.AddAsync(code, "2566-2570", Project("ค", 3, "3", (2568, 700m), (2569, 9m)), "lao");
        var reports = new ReportStore(db.Database, clock);
        foreach (var id in (await store.ProjectsInYearAsync(code, 2568)).Select(p => p.Id))
        {
            await reports.SaveLineAsync(code, 2568, 1,
                new ReportLine { ProjectId = id, Status = id == a || id == c ? PlanVocabulary.Done : PlanVocabulary.InProgress }, "lao");
        }
        await reports.SubmitAsync(code, 2568, 1, (await store.ProjectsInYearAsync(code, 2568)).Select(p => p.Id).ToList(), "lao");
        clock.Now = new DateTimeOffset(2025, 5, 5, 5, 0, 0, TimeSpan.Zero);

        var row = (await new NationalReporting(db.Database, clock).SummaryAsync(2568, 1)).Single(r => r.Province == province);

        Assert.Equal((2, 1, 0, 1, 3), (row.Laos, row.OnTime, row.Late, row.Missing, row.Projects));
        Assert.Equal(2, row.ProjectsPerDimension[1]);
        Assert.Equal(1500m, row.BudgetPerDimension[1]);
        Assert.Equal(700m, row.BudgetPerDimension[3]);
        Assert.Equal(66.7, row.CompletionRate);
    }

    [Theory]
    [InlineData(2568, 1, "2025-04-30", "2024-10-01", "2025-03-31", "30 เม.ย. 2568")]
    [InlineData(2568, 2, "2025-10-31", "2024-10-01", "2025-09-30", "31 ต.ค. 2568")]
    [InlineData(2563, 1, "2020-04-30", "2019-10-01", "2020-03-31", "30 เม.ย. 2563")]
    public void ReportCalendar_DuesRoundsAsTheNaccLettersSay(int fiscalYear, int round, string due, string start, string end, string dueBe)
    {
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), ReportCalendar.Due(fiscalYear, round));
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), ReportCalendar.PeriodStart(fiscalYear));
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), ReportCalendar.PeriodEnd(fiscalYear, round));
        Assert.Equal(dueBe, ReportCalendar.FormatBe(ReportCalendar.Due(fiscalYear, round)));
    }

    [Fact]
    public void StateOn_FlagsMissing_OnlyAfterTheBangkokDueDay()
    {
        var round = new ReportRound { FiscalYear = 2568, Round = 2 };

        // 31 Oct 2025 23:30 Bangkok is still the due day; 1 Nov 00:30 Bangkok is not.
        Assert.Equal(RoundState.Open, round.StateOn(new DateTime(2025, 10, 31, 16, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(RoundState.Missing, round.StateOn(new DateTime(2025, 10, 31, 17, 30, 0, DateTimeKind.Utc)));
    }

    private async Task<(PlanStore Store, PlanClock Clock, string Code)> NewPlanAsync(string provider)
    {
        var db = await databases.GetAsync(provider);
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var clock = new PlanClock(DateTimeOffset.UtcNow);
        return (new PlanStore(db.Database, Frameworks, clock), clock, code);
    }
}

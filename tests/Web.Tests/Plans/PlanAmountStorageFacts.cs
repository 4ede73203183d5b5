using Dapper;
using PlanNacc.Web.Features.Plans;
using PlanNacc.Web.Features.Registry;

namespace PlanNacc.Web.Tests.Plans;

/// <summary>
/// Money is stored exactly (whole satang in an integer column, migration 0030) on SQLite and PostgreSQL: amounts a double
/// cannot hold read back as typed, sums are exact, and a stored value beyond the bound is read at the bound, never a 500.
/// </summary>
public sealed class PlanAmountStorageFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Budgets_AreStoredAsExactSatang_AndSumExactly(string provider)
    {
        var db = await databases.GetAsync(provider);
        var clock = new PlanClock(new DateTimeOffset(2025, 4, 29, 5, 0, 0, TimeSpan.Zero));
        var code = TestData.NewCode();
        var province = "จังหวัด" + code;
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code) with { Province = province }], "test");
        var store = new PlanStore(db.Database, new PlanFrameworks(), clock);
        // 0.1 + 0.2 and the largest amount: neither is a double's exact value, both must come back as typed.
        await store.AddAsync(code, "2566-2570", PlanStoreFacts.Project("ก", 1, "1", (2568, 0.10m)), "lao");
        await store.AddAsync(code, "2566-2570", PlanStoreFacts.Project("ข", 1, "1", (2568, 0.20m)), "lao");
        await store.AddAsync(code, "2566-2570", PlanStoreFacts.Project("ค", 2, "2", (2568, PlanAmounts.Max)), "lao");
        await store.AddAsync(code, "2566-2570", PlanStoreFacts.Project("ง", 2, "2", (2568, 1_234_567_890.07m)), "lao");

        var projects = await store.ProjectsAsync(code, "2566-2570");
        var summary = (await new NationalReporting(db.Database, clock).SummaryAsync(2568, 1)).Single(r => r.Province == province);
        await using var connection = await db.Database.OpenAsync();
        var stored = (await connection.QueryAsync<long>(
            "SELECT b.amount_satang FROM plan_budgets b JOIN plan_projects p ON p.id = b.project_id JOIN plans pl ON pl.id = p.plan_id "
            + "WHERE pl.dla_code = @code ORDER BY b.amount_satang", new { code })).ToList();

        Assert.Equal([0.10m, 0.20m, PlanAmounts.Max, 1_234_567_890.07m],
            projects.OrderBy(p => p.Details.Name).Select(p => p.BudgetIn(2568)));
        Assert.Equal([10L, 20L, 123_456_789_007L, 99_999_999_999_999L], stored);
        Assert.Equal(0.30m, summary.BudgetPerDimension[1]);
        Assert.Equal(PlanAmounts.Max + 1_234_567_890.07m, summary.BudgetPerDimension[2]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StoredValuesBeyondTheBound_ReadAtTheBound_WithoutThrowing(string provider)
    {
        var db = await databases.GetAsync(provider);
        var clock = new PlanClock(new DateTimeOffset(2025, 4, 29, 5, 0, 0, TimeSpan.Zero));
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");
        var store = new PlanStore(db.Database, new PlanFrameworks(), clock);
        var id = await store.AddAsync(code, "2566-2570", PlanStoreFacts.Project("ก", 1, "1", (2568, 5m)), "lao");
        await using (var connection = await db.Database.OpenAsync())
        {
            // Written by hand (or by a release before the bound): the whole 64-bit range.
            await connection.ExecuteAsync("UPDATE plan_budgets SET amount_satang = @huge WHERE project_id = @id",
                new { huge = long.MaxValue, id });
        }

        var project = Assert.Single(await store.ProjectsAsync(code, "2566-2570"));

        Assert.Equal(PlanAmounts.Max, project.BudgetIn(2568));
    }
}

using System.Security.Claims;
using Microsoft.Extensions.Options;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Accounts;

/// <summary>Disabling, token owners and revocation, and the province review queue, on SQLite and on the real PostgreSQL.</summary>
public sealed class AccountControlStorageFacts(DatabasesFixture databases) : IClassFixture<DatabasesFixture>
{
    private const string Password = "storage-password-01";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DisabledOwner_StopsTheirTokens_RevokedTokenStopsForGood(string provider)
    {
        var db = (await databases.GetAsync(provider)).Database;
        var accounts = new AccountStore(db, Options.Create(new AccountOptions()), TimeProvider.System);
        var tokens = new ApiTokens(db, accounts, TimeProvider.System);
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        var user = await accounts.CreateUserAsync(name, Roles.Province, "สิงห์บุรี", null, Password, "test");
        var owned = await tokens.CreateAsync("owned-" + name, Roles.Admin, null, null, [Access.ScansScope, Access.PlansScope], "test",
            owner: name);
        var loose = await tokens.CreateAsync("loose-" + name, Roles.Province, "สิงห์บุรี", null, [Access.OverridesScope], "test");

        var found = await tokens.FindAsync(owned);
        Assert.Equal((Roles.Province, "สิงห์บุรี", name, "scans plans"), (found!.Role, found.Province, found.Owner, found.Scopes));
        Assert.Equal("", user.SecurityStamp);

        var disabled = await accounts.SetDisabledAsync(name, disabled: true, "root");
        Assert.NotNull(disabled.DisabledAt);
        Assert.NotEqual("", disabled.SecurityStamp);
        Assert.Null(await tokens.FindAsync(owned));
        Assert.NotNull(await tokens.FindAsync(loose));
        Assert.Equal(LoginOutcome.Disabled, (await accounts.SignInAsync(name, Password)).Outcome);
        Assert.Equal(LoginOutcome.Invalid, (await accounts.SignInAsync(name, "wrong-password-001")).Outcome);
        await Assert.ThrowsAsync<AccountException>(() => accounts.SetDisabledAsync(name, disabled: true, "root"));
        await Assert.ThrowsAsync<AccountException>(()
            => tokens.CreateAsync("again", Roles.Admin, null, null, [Access.ScansScope], "test", owner: name));

        var enabled = await accounts.SetDisabledAsync(name, disabled: false, "root");
        Assert.Null(enabled.DisabledAt);
        Assert.Equal(disabled.SecurityStamp, enabled.SecurityStamp);
        Assert.NotNull(await tokens.FindAsync(owned));
        Assert.Equal(LoginOutcome.Ok, (await accounts.SignInAsync(name, Password)).Outcome);

        var id = (await tokens.ListAsync()).Single(t => t.Name == "loose-" + name).Id;
        var revoked = await tokens.RevokeAsync(id, "root");
        Assert.NotNull(revoked.RevokedAt);
        Assert.Null(await tokens.FindAsync(loose));
        Assert.NotNull((await tokens.ListAsync()).Single(t => t.Id == id).RevokedAt);
        await Assert.ThrowsAsync<AccountException>(() => tokens.RevokeAsync(id, "root"));
        await Assert.ThrowsAsync<AccountException>(() => tokens.CreateAsync("bad", Roles.Admin, null, null, ["everything"], "test"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProvinceQueue_FiltersByStatus_AndReviewStaysInTheProvince(string provider)
    {
        var db = (await databases.GetAsync(provider)).Database;
        var province = "จ" + Guid.NewGuid().ToString("N")[..8];
        var own = TestData.NewCode();
        var elsewhere = TestData.NewCode();
        await new LaoStore(db).UpsertAsync([TestData.Lao(own) with { Province = province },
            TestData.Lao(elsewhere, "บึงนาราง") with { Province = province + "x" }], "test");
        var run = await new RunStore(db).CreateAsync("nightly", "all", 2569, 1);
        foreach (var code in new[] { own, elsewhere })
        {
            await new ScanStore(db).SaveAsync(TestData.Result(run, code,
                [TestData.Item("o1", VerdictStatus.Fail), TestData.Item("o2", VerdictStatus.Fail)]));
        }
        var overrides = new OverrideStore(db, TimeProvider.System);
        var checklist = (await new LaoQueries(db).ChecklistAsync(own))!;
        var first = await overrides.SubmitAsync(checklist, "o1", "https://www.example.go.th/o1", "มีแล้ว", own);
        var second = await overrides.SubmitAsync(checklist, "o2", "https://www.example.go.th/o2", "มีแล้ว", own);
        var outside = await overrides.SubmitAsync((await new LaoQueries(db).ChecklistAsync(elsewhere))!, "o1",
            "https://www.example.go.th/x", "x", elsewhere);
        var officer = new ClaimsPrincipal(Access.Identity("officer", Roles.Province, province, null, Access.CookieAuthenticationType, []));

        Assert.Equal(ReviewOutcome.Forbidden, (await overrides.ReviewAsAsync(officer, outside.Id, true, null, null)).Outcome);
        Assert.Equal(ReviewOutcome.NotFound, (await overrides.ReviewAsAsync(officer, outside.Id, true, null, province)).Outcome);
        Assert.Equal(ReviewOutcome.NotFound, (await overrides.ReviewAsAsync(officer, long.MaxValue, true, null, null)).Outcome);
        var (outcome, row) = await overrides.ReviewAsAsync(officer, first.Id, accept: true, "ตรวจแล้ว", province);

        Assert.Equal(ReviewOutcome.Ok, outcome);
        Assert.Equal(("accepted", "officer", "ตรวจแล้ว"), (row!.Status, row.ReviewedBy, row.ReviewNote));
        Assert.Equal([second.Id, first.Id], (await overrides.ListForProvinceAsync(province, null)).Select(q => q.Override.Id));
        Assert.Equal([second.Id], (await overrides.ListForProvinceAsync(province, "pending")).Select(q => q.Override.Id));
        Assert.Equal([first.Id], (await overrides.ListForProvinceAsync(province, "decided")).Select(q => q.Override.Id));
        Assert.Equal([first.Id], (await overrides.ListForProvinceAsync(province, "accepted")).Select(q => q.Override.Id));
        Assert.Empty(await overrides.ListForProvinceAsync(province, "rejected"));
        Assert.Equal(("TAO", "โรงช้าง", province),
            (await overrides.ListForProvinceAsync(province, "pending")).Select(q => (q.LaoType, q.LaoName, q.Province)).Single());
        await Assert.ThrowsAsync<OverrideException>(() => overrides.ListForProvinceAsync(province, "maybe"));
    }
}

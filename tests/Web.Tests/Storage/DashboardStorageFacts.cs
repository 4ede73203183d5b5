using Dapper;
using Microsoft.Extensions.Options;
using PlanNacc.Scoring.Verdicts;
using PlanNacc.Web.Features.Accounts;
using PlanNacc.Web.Features.Lao;
using PlanNacc.Web.Features.National;
using PlanNacc.Web.Features.Overrides;
using PlanNacc.Web.Features.Provinces;
using PlanNacc.Web.Features.Registry;
using PlanNacc.Web.Storage;
using PlanNacc.Web.Features.Runs;

namespace PlanNacc.Web.Tests.Storage;

/// <summary>The dashboard's own SQL (accounts, overrides, rankings, history, national) on SQLite and PostgreSQL.</summary>
public sealed class DashboardStorageFacts
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accounts_CreateSignInLockActivateAndTokens_OnEachDatabase(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var accounts = new AccountStore(db.Database, Options.Create(new AccountOptions { MaxFailedLogins = 2 }), TimeProvider.System);
        var code = TestData.NewCode();
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(code)], "test");

        await accounts.CreateUserAsync("Sing", Roles.Province, "สิงห์บุรี", null, "officer-password-1", "test");
        Assert.Equal(LoginOutcome.Ok, (await accounts.SignInAsync("sing", "officer-password-1")).Outcome);
        Assert.Equal(LoginOutcome.Invalid, (await accounts.SignInAsync("sing", "wrong-password-00")).Outcome);
        Assert.Equal(LoginOutcome.LockedOut, (await accounts.SignInAsync("sing", "wrong-password-00")).Outcome);
        Assert.Equal(LoginOutcome.LockedOut, (await accounts.SignInAsync("sing", "officer-password-1")).Outcome);
        await Assert.ThrowsAsync<AccountException>(()
            => accounts.CreateUserAsync("sing", Roles.Admin, null, null, "another-password", "test"));

        var codes = new ActivationCodes(db.Database, accounts, Options.Create(new AccountOptions { MaxFailedLogins = 2 }),
            TimeProvider.System);
        var tokens = new ApiTokens(db.Database, accounts, TimeProvider.System);
        var activation = await codes.IssueAsync(code, "sing");
        Assert.Equal(ActivationOutcome.WeakPassword, (await codes.ActivateAsync(code, activation, "short")).Outcome);
        var activated = await codes.ActivateAsync(code, activation.ToLowerInvariant(), "lao-password-0001");
        Assert.Equal((ActivationOutcome.Ok, Roles.Lao, code), (activated.Outcome, activated.User!.Role, activated.User.DlaCode));
        Assert.Equal(ActivationOutcome.InvalidCode, (await codes.ActivateAsync(code, activation, "lao-password-0002")).Outcome);
        // Once the LAO has an account, only an admin resets it, and the reset does not sign in.
        await Assert.ThrowsAsync<AccountException>(() => codes.IssueAsync(code, "sing"));
        var again = await codes.IssueAsync(code, "root", actorIsAdmin: true);
        Assert.Equal(ActivationOutcome.PasswordReset, (await codes.ActivateAsync(code, again, "lao-password-0003")).Outcome);
        Assert.Equal(LoginOutcome.Ok, (await accounts.SignInAsync(code, "lao-password-0003")).Outcome);

        var token = await tokens.CreateAsync("bot", Roles.Province, "สิงห์บุรี", null, [Access.ScansScope], "test");
        Assert.Equal(("bot", "scans", "สิงห์บุรี"), (await tokens.FindAsync(token)) is { } t ? (t.Name, t.Scopes, t.Province) : default);
        Assert.Null(await tokens.FindAsync(token + "x"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OverridesRankingHistoryNational_OnEachDatabase(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var province = "จ" + Guid.NewGuid().ToString("N")[..6];
        var (a, b) = (TestData.NewCode(), TestData.NewCode());
        await new LaoStore(db.Database).UpsertAsync([TestData.Lao(a) with { Province = province },
            TestData.Lao(b, "ข") with { Province = province }], "test");
        var runs = new RunStore(db.Database);
        var scans = new ScanStore(db.Database);
        var sha = new string('d', 64);
        for (var day = 0; day < 2; day++)
        {
            var run = await runs.CreateAsync("nightly", "all", 2569, 2);
            foreach (var (code, oit) in new[] { (a, day == 0 ? 30.0 : 80), (b, 50.0) })
            {
                var result = TestData.Result(run, code,
                    [TestData.Item("o1", VerdictStatus.Pass),
                    TestData.Item("o2", VerdictStatus.Fail, "ผู้บริหาร", TestData.Evidence("https://x.go.th/e", "e", sha))],
                    [TestData.Kept(sha, "https://x.go.th/e")]);
                await scans.SaveAsync(result with
                {
                    StartedAt = result.StartedAt.AddDays(day),
                    FinishedAt = result.FinishedAt.AddDays(day),
                    Report = result.Report! with { Score = result.Report.Score! with { Oit = oit } },
                });
            }
        }

        var cache = new ReadCache(db.Database, TimeProvider.System);
        var provinceQueries = new ProvinceQueries(db.Database, cache);
        var ranking = await provinceQueries.RankingAsync(province, new RankingFilter());
        Assert.Equal([(a, 1, 2, 50.0), (b, 2, 1, 0.0)],
            ranking.Select(r => (r.DlaCode, r.Rank!.Value, r.PreviousRank!.Value, r.Change!.Value)));
        var missed = await provinceQueries.MostMissedAsync(province, 5);
        Assert.Equal(("o2", "ผู้บริหาร", 2, 2), (missed[0].Code, missed[0].Title, missed[0].Missing, missed[0].Judged));
        // Ranks depend on the filter and are set on copies: the cached rows stay as they were for the next reader.
        Assert.Empty(await provinceQueries.RankingAsync(province, new RankingFilter(District: "ไม่มีอำเภอนี้")));
        Assert.Empty(await provinceQueries.RankingAsync("ไม่มีจังหวัดนี้", new RankingFilter()));
        Assert.Empty(await provinceQueries.MostMissedAsync("ไม่มีจังหวัดนี้", 5));
        Assert.Equal([(b, 2), (a, 1)],
            (await provinceQueries.RankingAsync(province, new RankingFilter(Sort: "oit", Descending: false))).Select(r
            => (r.DlaCode, r.Rank!.Value)));
        Assert.Equal(ranking.Select(r => (r.DlaCode, r.Rank)),
            (await provinceQueries.RankingAsync(province, new RankingFilter())).Select(r => (r.DlaCode, r.Rank)));

        // A scan stored after the aggregates were read: the next read sees it (the cache follows the store's data version).
        var later = await runs.CreateAsync("on-demand", "lao:" + b, 2569, 1);
        var rescan = TestData.Result(later, b,
            [TestData.Item("o1", VerdictStatus.Pass), TestData.Item("o2", VerdictStatus.Pass, "ผู้บริหาร")]);
        await scans.SaveAsync(rescan with
        {
            StartedAt = rescan.StartedAt.AddDays(3),
            FinishedAt = rescan.FinishedAt.AddDays(3),
            Report = rescan.Report! with { Score = rescan.Report.Score! with { Oit = 95 } },
        });
        Assert.Equal([(b, 1, 95.0), (a, 2, 80.0)],
            (await provinceQueries.RankingAsync(province, new RankingFilter())).Select(r => (r.DlaCode, r.Rank!.Value, r.OitScore!.Value)));
        Assert.Equal(("o2", 1, 2),
            (await provinceQueries.MostMissedAsync(province, 5)) is [var top, ..] ? (top.Code, top.Missing, top.Judged) : default);
        var queries = new LaoQueries(db.Database);
        Assert.Equal([30.0, 80.0], (await queries.HistoryAsync(a, 10)).Select(h => h.OitScore!.Value));
        var checklist = (await queries.ChecklistAsync(a, year: 2568))!;
        Assert.Equal(VerdictStatus.Pass, checklist.Previous["o1"]);
        Assert.Contains(province, (await new NationalQueries(db.Database, cache).ProvincesAsync()).Select(p => p.Province));
        Assert.Equal(2, (await new NationalQueries(db.Database, cache).LatestRunAsync())!.SitesTotal);

        var overrides = new OverrideStore(db.Database, TimeProvider.System);
        var submitted = await overrides.SubmitAsync(checklist, "o2", "https://x.go.th/e", "มีแล้ว", a);
        var accepted = await overrides.ReviewAsync(submitted.Id, accept: true, "ok", "sing");
        Assert.Equal(("accepted", "sing"), (accepted.Status, accepted.ReviewedBy));
        Assert.Equal("accepted", Assert.Single(await overrides.ListAsync(a, 2568)).Status);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM evidence_pins WHERE sha256 = @sha", new { sha }));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity = 'override'"));
    }
}

using PlanNacc.SiteFarm;

namespace PlanNacc.Crawler.Tests;

/// <summary>The site farm is the ground truth every crawler, scoring and run test leans on: its own checks run with the suite.</summary>
public class FarmSelfCheckFacts
{
    [Fact]
    public async Task RunAsync_PassesEveryCheck_WhenFarmIsGeneratedAndServed()
    {
        var output = new StringWriter();

        var failures = await FarmSelfCheck.RunAsync(output);

        Assert.True(failures == 0, output.ToString());
    }
}

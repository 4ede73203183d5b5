namespace PlanNacc.Crawler.Tests;

public class ProjectFacts
{
    [Fact]
    public void Assembly_Loads() => Assert.NotNull(typeof(ProjectFacts).Assembly);
}

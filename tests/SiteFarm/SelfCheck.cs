namespace PlanNacc.SiteFarm;

internal static class SelfCheck
{
    public static Task<int> RunAsync(TextWriter output)
    {
        output.WriteLine("self-check pending");
        return Task.FromResult(0);
    }
}

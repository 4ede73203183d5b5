namespace PlanNacc.SiteFarm;

public static class FarmProgram
{
    public static int Main(string[] args)
    {
        Console.WriteLine("site farm pending");
        return 0;
    }
}

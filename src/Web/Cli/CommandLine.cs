namespace PlanNacc.Web.Cli;

public static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("not yet available");
        return 2;
    }
}

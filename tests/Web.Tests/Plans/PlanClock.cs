namespace PlanNacc.Web.Tests.Plans;

/// <summary>A clock the facts set by hand, so history dates and due dates are exact.</summary>
public sealed class PlanClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

namespace PlanNacc.Crawler.Tests.Support;

/// <summary>
/// A clock that never sleeps: every timer jumps the time to its due moment and fires at once. A crawl runs at full speed while
/// every time it reads (rate slots, FetchedAt) follows the schedule exactly, so politeness is asserted without timing anything.
/// Meant for one site at a time (concurrent timers would jump the clock for each other).
/// </summary>
public sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    /// <summary>Moves the time on, as a night passing between two scans.</summary>
    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return new Idle();
        }
        lock (gate)
        {
            now += dueTime;
        }
        // Fired a moment later on the pool, once Task.Delay has finished wiring the timer up.
        _ = Task.Delay(1).ContinueWith(_ => callback(state), TaskScheduler.Default);
        return new Idle();
    }

    private sealed class Idle : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

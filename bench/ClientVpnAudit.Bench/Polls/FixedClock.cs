namespace ClientVpnAudit.Bench.Polls;

/// <summary>A clock that always says the same time: the scenario's poll happens at the time the scenario gives it.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

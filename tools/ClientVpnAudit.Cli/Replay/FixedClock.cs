namespace ClientVpnAudit.Cli.Replay;

/// <summary>A clock that always says the same time: a replayed poll happens at the moment it was captured.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

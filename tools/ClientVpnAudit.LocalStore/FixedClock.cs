namespace ClientVpnAudit.LocalStore;

/// <summary>
/// A clock that always says the same time: a poll replayed or generated locally happens at the moment it was captured
/// or scheduled, never at this machine's time.
/// </summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

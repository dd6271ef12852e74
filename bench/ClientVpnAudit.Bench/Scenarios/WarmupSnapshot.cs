using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Bench.Scenarios;

/// <summary>
/// A tiny world for warming a child process up before its measured poll: one endpoint, two active sessions and one
/// terminated, with connection ids new on every call so that the warm-up inserts, updates and reads like a real poll.
/// It lives at the machine's time (its warm-up poll runs on the live clock), apart from the scenario's polls.
/// </summary>
internal static class WarmupSnapshot
{
    public const string EndpointId = "cvpn-endpoint-fffffffffffffffff";

    private static int _calls;

    public static Snapshot Next()
    {
        var call = Interlocked.Increment(ref _calls);
        var now = DateTime.UtcNow;
        var connections = Enumerable.Range(0, 3).Select(index => new SyntheticSession
        {
            Sequence = index,
            ConnectionId = $"cvpn-connection-f{call:x12}{index:x4}",
            EndpointId = EndpointId,
            Username = index == 0 ? "warmup@corp.example.com" : null,
            CommonName = "warmup.vpn.corp.example.com",
            ClientIp = "10.255.0." + (index + 1),
            Established = now.AddMinutes(-30).AddSeconds(-now.Second),
            IngressBytesPerSecond = 1000,
            EgressBytesPerSecond = 100,
            Ended = index == 2 ? now.AddMinutes(-1).AddSeconds(-now.Second) : null,
        }.At(now.AddSeconds(-now.Second), skewSeconds: 0));
        return SnapshotLoader.FromConnections(connections, sourceName: "warm-up");
    }
}

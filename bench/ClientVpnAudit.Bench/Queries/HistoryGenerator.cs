using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Bench.Queries;

/// <summary>
/// The session records of a <see cref="HistorySpec"/>, seeded, in the order they were established: each a whole
/// record as the archiver stores an ended session (with its counters, times, target and day bucket), lasting from
/// five minutes to 24 hours (most under two); those still going at the end of the history are stored not ended.
/// </summary>
internal static class HistoryGenerator
{
    private const int Seed = 20250301;

    public static IEnumerable<Dictionary<string, AttributeValue>> Records(HistorySpec spec)
    {
        var random = new Random(Seed);
        var end = HistorySpec.Start.AddDays(spec.Days);
        var established = Enumerable.Range(0, spec.Records)
            .Select(_ => HistorySpec.Start.AddSeconds(random.NextDouble() * spec.Days * 86_400))
            .Order()
            .ToList();
        for (var i = 0; i < established.Count; i++)
        {
            var start = new DateTimeOffset(established[i].UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
            var lasted = TimeSpan.FromMinutes(5 + Math.Min(24 * 60 - 5, -Math.Log(1 - random.NextDouble()) * 60));
            var stopped = start + TimeSpan.FromSeconds((long)lasted.TotalSeconds);
            var endpoint = $"cvpn-endpoint-{random.Next(spec.Endpoints):x17}";
            var user = Identity(random.Next(spec.Identities));
            var bytes = (long)(lasted.TotalSeconds * random.Next(1_000, 50_000));
            var record = new Dictionary<string, AttributeValue>
            {
                [SessionAttributes.ConnectionId] = S($"cvpn-connection-{i:x17}"),
                [SessionAttributes.ClientVpnEndpointId] = S(endpoint),
                [SessionAttributes.AccountId] = S("123456789012"),
                [SessionAttributes.Region] = S("eu-west-1"),
                [SessionAttributes.Username] = S(user),
                [SessionAttributes.Identity] = S(user),
                [SessionAttributes.ClientIp] = S($"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}"),
                [SessionAttributes.ConnectionEstablishedTime] = S(AuditTime.Format(start)),
                [SessionAttributes.EstablishedDay] = S(AuditTime.Day(start)),
                [SessionAttributes.IngressBytes] = N(bytes),
                [SessionAttributes.EgressBytes] = N(bytes / 3),
                [SessionAttributes.IngressPackets] = N(bytes / 900),
                [SessionAttributes.EgressPackets] = N(bytes / 2_700),
                [SessionAttributes.FirstObservedAt] = S(AuditTime.Format(start.AddMinutes(2))),
            };
            if (stopped < end)
            {
                record[SessionAttributes.Status] = S("terminated");
                record[SessionAttributes.StatusMessage] = S("Client disconnected");
                record[SessionAttributes.ConnectionEndTime] = S(AuditTime.Format(stopped));
                record[SessionAttributes.DurationSeconds] = N((long)(stopped - start).TotalSeconds);
                record[SessionAttributes.LastObservedAt] = S(AuditTime.Format(stopped));
                record[SessionAttributes.EndObserved] = new AttributeValue { BOOL = true };
            }
            else
            {
                record[SessionAttributes.Status] = S("active");
                record[SessionAttributes.LastObservedAt] = S(AuditTime.Format(end));
                record[SessionAttributes.ActiveEndpointId] = S(endpoint);
            }

            yield return record;
        }
    }

    public static string Identity(int number) => $"user{number:D4}@example.com";

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}

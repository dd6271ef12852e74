using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Bench.Queries;

/// <summary>A question an auditor asks, as the filter `cvpn-audit sessions` builds for it.</summary>
internal sealed record QueryQuestion(string Name, string Command, SessionFilter Filter)
{
    public static IReadOnlyList<QueryQuestion> For(HistorySpec spec)
    {
        var at = spec.QuestionTime;
        var text = AuditTime.Format(at);
        const string endpoint = "cvpn-endpoint-00000000000000003";
        var user = HistoryGenerator.Identity(42);
        return
        [
            new("connected at T, every endpoint", $"sessions --at {text}", new SessionFilter { Since = at, Until = at }),
            new("connected at T, one endpoint", $"sessions --at {text} --endpoint {endpoint}",
                new SessionFilter { Since = at, Until = at, EndpointId = endpoint }),
            new("connected at T, one user", $"sessions --at {text} --user {user}", new SessionFilter { Since = at, Until = at, Identity = user }),
            new("one week, every endpoint", $"sessions --since {text} --until {AuditTime.Format(at.AddDays(7))}",
                new SessionFilter { Since = at, Until = at.AddDays(7) }),
        ];
    }
}

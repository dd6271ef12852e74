using System.Text.Json.Serialization;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Work;

/// <summary>
/// One endpoint to archive: what a planner hands to a worker, in process or as the body of one SQS message.
/// </summary>
/// <param name="Status">What discovery said of the endpoint (recorded with its state); null for a configured endpoint.</param>
/// <param name="RunId">The planner run that asked for it, for the logs.</param>
/// <param name="PlannedAt">When it was planned, on the planner's clock; a worker drops it once it is older than the poll
/// interval (a later run has planned the endpoint again). Null when the poll's time is unknown: never stale.</param>
public sealed record EndpointWork(
    string AccountId,
    string Region,
    string ClientVpnEndpointId,
    string? Status,
    string RunId,
    string? PlannedAt)
{
    [JsonIgnore]
    public Target Target => new(AccountId, Region);
}

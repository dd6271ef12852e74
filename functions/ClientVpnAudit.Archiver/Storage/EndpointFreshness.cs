using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>The one reading of an endpoint-state item's freshness, for the run's metric, its order and doctor.</summary>
public static class EndpointFreshness
{
    /// <summary>When the endpoint was last listed completely; one never listed completely counts from its first attempt.</summary>
    public static string? Since(IReadOnlyDictionary<string, AttributeValue> state) =>
        state.GetValueOrDefault(EndpointStateTable.LastCompleteListingAt)?.S ?? state.GetValueOrDefault(EndpointStateTable.FirstAttemptAt)?.S;

    public static bool EverCompleted(IReadOnlyDictionary<string, AttributeValue> state) =>
        state.ContainsKey(EndpointStateTable.LastCompleteListingAt);
}

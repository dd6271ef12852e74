using System.Text.Json;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Reporting;

namespace ClientVpnAudit.Archiver.Work;

/// <summary>The one message format of the work queue: an <see cref="EndpointWork"/> as JSON.</summary>
public static class WorkMessages
{
    public static string Serialize(EndpointWork work) => JsonSerializer.Serialize(work, ArchiverJsonContext.Default.EndpointWork);

    /// <exception cref="InvalidWorkMessageException">The body is not a work item; the message says which part.</exception>
    public static EndpointWork Parse(string? body)
    {
        EndpointWork? work;
        try
        {
            work = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, ArchiverJsonContext.Default.EndpointWork);
        }
        catch (JsonException exception)
        {
            throw new InvalidWorkMessageException($"not JSON: {exception.Message}");
        }

        return work switch
        {
            null => throw new InvalidWorkMessageException("empty body"),
            _ when !ArchiverOptionsReader.IsAccountId(work.AccountId) =>
                throw new InvalidWorkMessageException($"AccountId '{work.AccountId}' is not a 12-digit account ID"),
            _ when !ArchiverOptionsReader.IsRegion(work.Region) =>
                throw new InvalidWorkMessageException($"Region '{work.Region}' is not a region name"),
            _ when !ArchiverOptionsReader.IsEndpointId(work.ClientVpnEndpointId) =>
                throw new InvalidWorkMessageException($"ClientVpnEndpointId '{work.ClientVpnEndpointId}' is not a Client VPN endpoint ID"),
            _ when string.IsNullOrWhiteSpace(work.RunId) => throw new InvalidWorkMessageException("RunId is missing"),
            _ => work,
        };
    }
}

/// <summary>A queue message that is not a work item.</summary>
public sealed class InvalidWorkMessageException(string reason) : Exception("message is not a work item: " + reason);

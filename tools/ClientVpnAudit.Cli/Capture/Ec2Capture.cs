using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Store;
using ClientVpnAudit.Emulator;
using Spectre.Console;
using Snapshot = ClientVpnAudit.Emulator.Snapshot;

namespace ClientVpnAudit.Cli.Capture;

/// <summary>
/// Takes one snapshot from EC2: every endpoint (or the given ones), deleted ones included, and every page of each
/// endpoint's connections, with the archiver's paging rule. One endpoint at a time, in the order EC2 lists them.
/// </summary>
/// <param name="target">ACCOUNT:REGION when the capture holds several targets: it starts its progress lines and failures.</param>
internal sealed class Ec2Capture(IAmazonEC2 ec2, CliOutput io, string? target = null)
{
    private readonly string _prefix = target is null ? "" : target + ": ";

    private const string EndpointNotFoundCode = "InvalidClientVpnEndpointId.NotFound";

    /// <param name="endpointIds">Only these endpoints; empty for every endpoint of the account and region.</param>
    /// <param name="accountId">The account the client reaches, written into the snapshot; null when not known.</param>
    /// <param name="region">The region the client reaches, written into the snapshot.</param>
    /// <exception cref="CliInputException">An endpoint ID that EC2 does not know, or no credentials.</exception>
    /// <exception cref="CaptureFailedException">EC2 failed; the message names the request and the endpoint.</exception>
    public async Task<Snapshot> TakeAsync(IReadOnlyList<string> endpointIds, DateTimeOffset capturedAt, string sourceName,
        string? accountId, string? region, CancellationToken cancellationToken)
    {
        var endpoints = await ListEndpointsAsync(endpointIds, cancellationToken);
        var connections = new List<SnapshotConnection>();
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            var listed = await ListConnectionsAsync(endpoint, cancellationToken);
            connections.AddRange(listed);
            io.ErrorConsole.MarkupLine(Markup.Escape(
                $"{_prefix}[{i + 1,3}/{endpoints.Count}] {endpoint.ClientVpnEndpointId} ({endpoint.Status?.Code?.Value ?? "no status"}): "
                + $"{listed.Count} connection{(listed.Count == 1 ? "" : "s")}"));
        }

        var captured = endpoints.Select(endpoint =>
            new SnapshotEndpoint(endpoint.ClientVpnEndpointId, endpoint.Status?.Code?.Value, EndpointJson.From(endpoint)));
        return SnapshotLoader.FromConnections(connections, captured, sourceName, capturedAt, accountId, region);
    }

    private async Task<IReadOnlyList<ClientVpnEndpoint>> ListEndpointsAsync(IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
    {
        var endpoints = new List<ClientVpnEndpoint>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var page in EndpointDiscovery.PagesAsync(ec2, endpointIds, cancellationToken))
            {
                // Deleted endpoints stay: the archive needs to see that they are gone.
                endpoints.AddRange(page.Where(endpoint => seenIds.Add(endpoint.ClientVpnEndpointId)));
            }
        }
        catch (AmazonServiceException service) when (endpointIds.Count > 0 && service.ErrorCode?.StartsWith("InvalidClientVpnEndpointId", StringComparison.Ordinal) == true)
        {
            throw new CliInputException($"--endpoint-ids: {ErrorReport.For(service).Message}", service);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed("DescribeClientVpnEndpoints", exception);
        }

        return endpoints;
    }

    private async Task<IReadOnlyList<SnapshotConnection>> ListConnectionsAsync(ClientVpnEndpoint endpoint, CancellationToken cancellationToken)
    {
        var endpointId = endpoint.ClientVpnEndpointId;
        var connections = new List<SnapshotConnection>();
        try
        {
            await foreach (var page in ConnectionPages.ReadAsync(ec2, endpointId, mayStartPage: () => true, cancellationToken))
            {
                connections.AddRange(page.Select(connection => CapturedConnection.From(connection, endpointId)));
            }
        }
        catch (AmazonServiceException service) when (service.ErrorCode == EndpointNotFoundCode
            && endpoint.Status?.Code?.Value == EndpointDiscovery.DeletedStatus)
        {
            // A deleted endpoint may already be gone from DescribeClientVpnConnections: it has no connections.
            return [];
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed($"DescribeClientVpnConnections for {endpointId}", exception);
        }

        return connections;
    }

    private Exception Failed(string request, Exception exception) => exception switch
    {
        _ when AwsAccountClients.IsMissingCredentials(exception) => AwsAccountClients.MissingCredentials(exception),
        RepeatedPageTokenException => new CaptureFailedException(_prefix + exception.Message, exception),
        AmazonServiceException => new CaptureFailedException($"{_prefix}{request}: {ErrorReport.For(exception).Message}", exception),
        OperationCanceledException or TimeoutException => new CaptureFailedException($"{_prefix}{request}: no answer in time", exception),
        _ => new CaptureFailedException($"{_prefix}{request}: {ErrorReport.OneLine(exception.Message)}", exception),
    };
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// An EC2 endpoint on 127.0.0.1 that answers DescribeClientVpnEndpoints and DescribeClientVpnConnections
/// (EC2 Query protocol) from a <see cref="SnapshotPoll"/>. Point an AmazonEC2Client's ServiceURL, or the AWS CLI's
/// --endpoint-url, at <see cref="Url"/>.
/// </summary>
/// <remarks>
/// <para>
/// A poll of one target (every single-target file) is served to every account and region: any credentials work.
/// </para>
/// <para>
/// A poll of several targets serves each target separately, as AWS does: the request's SigV4 credential scope
/// (<c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260302/eu-west-1/ec2/aws4_request, ...</c>) chooses the region,
/// and its access key id is the account: the client for account 111111111111 in eu-west-1 is created with access key id
/// <c>111111111111</c> (any secret) and authentication region <c>eu-west-1</c>. The signature is not checked.
/// </para>
/// <para>
/// A request for a target the poll does not hold answers as AWS would. An access key id that is not one of the poll's
/// accounts (or no credential at all) is an access key AWS does not know: 401 <c>AuthFailure</c> ("AWS was not able to
/// validate the provided access credentials"), which the SDK does not retry. A region the poll does not hold for one of
/// its accounts is a region where that account has no Client VPN endpoint: DescribeClientVpnEndpoints lists none, and
/// DescribeClientVpnConnections answers <c>InvalidClientVpnEndpointId.NotFound</c> for any endpoint. Not
/// <c>UnauthorizedOperation</c>: that is IAM refusing an action (see <see cref="EmulatorFaults.Deny"/>), and a poll that
/// leaves a region out says nothing about permissions.
/// </para>
/// </remarks>
public sealed class Ec2Emulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<EmulatorRequest> _requests = [];
    private readonly Lock _requestsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private ServedPoll _served;
    private long _generation;

    private Ec2Emulator(WebApplication app, SnapshotPoll poll)
    {
        _app = app;
        _served = new ServedPoll(poll, Interlocked.Increment(ref _generation));
        Url = null!;
    }

    /// <summary>The EC2 actions the emulator answers; any other answers InvalidAction.</summary>
    public static IReadOnlyList<string> Actions { get; } = [DescribeEndpoints.Action, DescribeConnections.Action];

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Url { get; private set; }

    public EmulatorFaults Faults { get; } = new();

    /// <summary>What is being served now, when it is a poll of one target.</summary>
    /// <exception cref="InvalidOperationException">The served poll holds several targets: read <see cref="Poll"/>.</exception>
    public Snapshot Snapshot => Poll is { IsSingleTarget: true } poll
        ? poll.Targets[0]
        : throw new InvalidOperationException($"the served poll holds {Poll.Targets.Count} targets: read Poll");

    /// <summary>The poll being served now.</summary>
    public SnapshotPoll Poll => Volatile.Read(ref _served).Poll;

    /// <summary>Every request answered so far, in arrival order (a copy).</summary>
    public IReadOnlyList<EmulatorRequest> Requests
    {
        get { lock (_requestsLock) return _requests.ToArray(); }
    }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = a free port), serving one target to everyone.</summary>
    public static Task<Ec2Emulator> StartAsync(Snapshot snapshot, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return StartAsync(SnapshotPoll.Of(snapshot), port, cancellationToken);
    }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = a free port), serving each target of the poll.</summary>
    public static async Task<Ec2Emulator> StartAsync(SnapshotPoll poll, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Without this every instance watches the content root for appsettings changes (one inotify instance each).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        var emulator = new Ec2Emulator(app, poll);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address");
        emulator.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return emulator;
    }

    /// <summary>
    /// Serves another snapshot, to every account and region, from the next request on. NextTokens issued for the
    /// previous one become invalid.
    /// </summary>
    public void Serve(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Serve(SnapshotPoll.Of(snapshot));
    }

    /// <summary>
    /// Serves another poll from the next request on, each target to its own account and region (a poll of one target to
    /// everyone). NextTokens issued for the previous one become invalid.
    /// </summary>
    public void Serve(SnapshotPoll poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        Volatile.Write(ref _served, new ServedPoll(poll, Interlocked.Increment(ref _generation)));
    }

    /// <summary>Requests received for this Action, faulted ones included.</summary>
    public int RequestCount(string action) => _counts.TryGetValue(action, out var count) ? count : 0;

    public async ValueTask DisposeAsync()
    {
        // Injected delays end at once instead of holding the shutdown.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var cancellationToken = linked.Token;
        var response = context.Response;
        response.Headers.Server = "AmazonEC2";
        var requestId = Guid.NewGuid().ToString();

        QueryParameters query;
        try
        {
            query = await QueryParameters.ReadAsync(context.Request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        var action = query.Get("Action") ?? "";
        var credential = RequestCredential.Read(context.Request);
        var endpointId = NullIfEmpty(query.Get("ClientVpnEndpointId")) ?? query.GetList("ClientVpnEndpointId").FirstOrDefault();
        _counts.AddOrUpdate(action, 1, (_, n) => n + 1);

        Func<Task> write;
        int status;
        string? errorCode = null;
        try
        {
            var delay = Faults.DelayFor(endpointId);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }
            write = Prepare(action, endpointId, credential, query, response, requestId, cancellationToken);
            status = StatusCodes.Status200OK;
        }
        catch (OperationCanceledException)
        {
            // The client left, or the emulator is stopping: either way no answer, rather than an empty 200.
            context.Abort();
            return;
        }
        catch (Exception exception)
        {
            var error = exception is Ec2ErrorException ec2 ? ec2.Error : Ec2Error.Internal();
            status = error.Status;
            errorCode = error.Code;
            write = () => error.WriteAsync(response, requestId, cancellationToken);
        }

        Record(new EmulatorRequest(action, endpointId, MaxResultsOf(query), query.Get("NextToken"), status, errorCode,
            credential?.AccessKeyId, credential?.Region));
        try
        {
            await write();
        }
        catch (OperationCanceledException)
        {
            // The client went away mid-response.
        }
    }

    private Func<Task> Prepare(string action, string? endpointId, RequestCredential? credential, QueryParameters query,
        HttpResponse response, string requestId, CancellationToken cancellationToken)
    {
        // AWS authenticates a request before anything else.
        var served = Volatile.Read(ref _served).Route(credential);
        if (Faults.TakeRequestFault(action, endpointId) is { } fault)
        {
            throw new Ec2ErrorException(fault);
        }
        switch (action)
        {
            case DescribeConnections.Action:
                {
                    var page = DescribeConnections.Prepare(query, served, Faults);
                    return () => PageResponse.WriteAsync(response, action, "connections", requestId, page, ConnectionXml.WriteItem, cancellationToken);
                }
            case DescribeEndpoints.Action:
                {
                    var page = DescribeEndpoints.Prepare(query, served, Faults);
                    return () => PageResponse.WriteAsync(response, action, "clientVpnEndpoint", requestId, page, EndpointXml.WriteItem, cancellationToken);
                }
            default:
                throw new Ec2ErrorException(Ec2Error.InvalidAction(action));
        }
    }

    private void Record(EmulatorRequest request)
    {
        lock (_requestsLock) _requests.Add(request);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? MaxResultsOf(QueryParameters query) =>
        int.TryParse(query.Get("MaxResults"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}

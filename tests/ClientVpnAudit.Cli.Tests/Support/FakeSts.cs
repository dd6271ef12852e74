using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>
/// STS on 127.0.0.1 that answers GetCallerIdentity only, with the account of the access key id (the emulator's
/// convention: access key id = account), so that `--aws` paths run against the emulator through AWS_ENDPOINT_URL_STS.
/// </summary>
internal sealed class FakeSts : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSts(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public int Requests { get; private set; }

    public static async Task<FakeSts> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeSts? sts = null;
        app.Run(async context =>
        {
            sts!.Requests++;
            var scope = context.Request.Headers.Authorization.ToString().Split("Credential=", 2).ElementAtOrDefault(1) ?? "";
            var account = scope.Split('/')[0];
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync($"""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>arn:aws:iam::{account}:user/tester</Arn>
                    <UserId>AIDAEXAMPLE</UserId>
                    <Account>{account}</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>
                """);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sts = new FakeSts(app, new Uri(address.TrimEnd('/') + "/"));
        return sts;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using Amazon.Runtime;

namespace ClientVpnAudit.Bench.Aws;

/// <summary>
/// Gives an SDK client an HttpClient whose handler chain the bench controls (AWS SDK v4's ClientConfig.HttpClientFactory).
/// The chain is built once per client and never cached or disposed by the SDK.
/// </summary>
internal sealed class BenchHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string GetConfigUniqueString(IClientConfig clientConfig) => "bench-" + handler.GetHashCode();
}

using Amazon.Runtime;

namespace ClientVpnAudit.Cli.Store;

/// <summary>Says in a few words why an endpoint could not be used: the network error, the timeout, or a non-AWS answer.</summary>
internal static class Unreachable
{
    /// <summary>True when the exception is a real answer of the service (an AWS error code), not a failure to reach it.</summary>
    public static bool IsServiceAnswer(Exception exception) =>
        exception is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode) && (int)service.StatusCode > 0;

    public static string Describe(Exception exception, TimeSpan timeout, string service)
    {
        if (exception is AmazonServiceException { StatusCode: > 0 } answered && string.IsNullOrEmpty(answered.ErrorCode))
        {
            return $"it answered HTTP {(int)answered.StatusCode}, not as {service} does";
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return exception is OperationCanceledException or TimeoutException || innermost is OperationCanceledException or TimeoutException
            ? $"no answer within {timeout.TotalSeconds:0} s"
            : ErrorReport.OneLine(innermost.Message);
    }
}

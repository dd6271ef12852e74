using System.Diagnostics;
using System.Text.Json;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>
/// The AWS CLI, run with test credentials and no config or credentials files, so nothing of the machine's AWS setup
/// is read. Each call costs about half a second of Python start-up: keep them few.
/// </summary>
internal static class AwsCli
{
    public static string? Path { get; } = Find();

    public static async Task<JsonElement> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("aws is not on PATH"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in args.Append("--output").Append("json"))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        start.Environment["AWS_PAGER"] = "";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_SESSION_TOKEN");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        using var document = JsonDocument.Parse(await stdout);
        return document.RootElement.Clone();
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => System.IO.Path.Combine(folder, "aws"))
        .FirstOrDefault(File.Exists);
}

/// <summary>A test that needs the AWS CLI; skipped, saying so, where `aws` is not on PATH.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Path is null)
        {
            Skip = "the AWS CLI (aws) is not on PATH";
        }
    }
}

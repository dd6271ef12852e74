using ClientVpnAudit.Cli.Tests.Support;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>`cvpn-audit doctor` refuses what it cannot check before asking anything: exit code 2, one line naming the culprit.</summary>
public sealed class DoctorBadInputTests
{
    [Fact]
    public async Task Doctor_WithNeitherAwsNorUrls_SaysWhatItNeeds() =>
        await AssertRefusedAsync(["doctor"], "doctor needs --aws, or --ec2-url URL and --dynamodb-url URL");

    [Fact]
    public async Task Doctor_WithAwsAndUrls_SaysNotBoth() =>
        await AssertRefusedAsync(["doctor", "--aws", "--table", "T", "--ec2-url", "http://127.0.0.1:1", "--dynamodb-url", "http://127.0.0.1:2"],
            "doctor takes --aws or --ec2-url and --dynamodb-url, not both");

    [Fact]
    public async Task Doctor_WithOnlyTheEc2Url_AsksForTheDynamoDbUrl() =>
        await AssertRefusedAsync(["doctor", "--ec2-url", "http://127.0.0.1:1"], "--ec2-url needs --dynamodb-url URL too");

    [Fact]
    public async Task Doctor_WithOnlyTheDynamoDbUrl_AsksForTheEc2Url() =>
        await AssertRefusedAsync(["doctor", "--dynamodb-url", "http://127.0.0.1:1"], "--dynamodb-url needs --ec2-url URL too");

    [Fact]
    public async Task Doctor_WithAwsButNoTable_AsksForTheStacksTableName() =>
        await AssertRefusedAsync(["doctor", "--aws"], "--aws needs --table NAME (the stack's TableName output)");

    [Fact]
    public async Task Doctor_WithAUrlThatIsNotOne_NamesTheOption() =>
        await AssertRefusedAsync(["doctor", "--ec2-url", "ftp://example.com", "--dynamodb-url", "http://127.0.0.1:1"],
            "--ec2-url: 'ftp://example.com' is not an http(s) URL");

    [Fact]
    public async Task Doctor_WithAnEmptyTableName_SaysSo() =>
        await AssertRefusedAsync(["doctor", "--ec2-url", "http://127.0.0.1:1", "--dynamodb-url", "http://127.0.0.1:2", "--table", " "],
            "--table: the table name is empty");

    private static async Task AssertRefusedAsync(string[] args, string culprit) =>
        CliAssert.BadInput(await CvpnAudit.RunAsync(args), culprit);
}

using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Tests.Work;

public sealed class WorkMessagesTests
{
    private static readonly EndpointWork Sample =
        new("111111111111", "eu-west-1", "cvpn-endpoint-0123456789abcdef0", "available", "run-7", "2026-03-02T09:00:00Z");

    [Fact]
    public void Serialize_ThenParse_GivesTheSameWork()
    {
        Assert.Equal(Sample, WorkMessages.Parse(WorkMessages.Serialize(Sample)));
        Assert.Equal(Sample with { Status = null, PlannedAt = null }, WorkMessages.Parse(WorkMessages.Serialize(Sample with { Status = null, PlannedAt = null })));
    }

    [Fact]
    public void Serialize_NamesEveryFieldAsTheMessageFormatDocumentsIt()
    {
        Assert.Equal(
            "{\"AccountId\":\"111111111111\",\"Region\":\"eu-west-1\",\"ClientVpnEndpointId\":\"cvpn-endpoint-0123456789abcdef0\","
            + "\"Status\":\"available\",\"RunId\":\"run-7\",\"PlannedAt\":\"2026-03-02T09:00:00Z\"}",
            WorkMessages.Serialize(Sample));
    }

    [Theory]
    [InlineData(null, "empty body")]
    [InlineData("", "empty body")]
    [InlineData("[1]", "not JSON")]
    [InlineData("{\"AccountId\":\"111111111111\",\"Region\":\"Ireland\",\"ClientVpnEndpointId\":\"cvpn-endpoint-0a\",\"RunId\":\"r\"}", "Region 'Ireland'")]
    [InlineData("{\"Region\":\"eu-west-1\",\"ClientVpnEndpointId\":\"cvpn-endpoint-0a\",\"RunId\":\"r\"}", "AccountId ''")]
    [InlineData("{\"AccountId\":\"111111111111\",\"Region\":\"eu-west-1\",\"ClientVpnEndpointId\":\"cvpn-endpoint-0a\"}", "RunId is missing")]
    public void Parse_OfSomethingElse_SaysWhichPartIsWrong(string? body, string reason)
    {
        var error = Assert.Throws<InvalidWorkMessageException>(() => WorkMessages.Parse(body));

        Assert.StartsWith("message is not a work item: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

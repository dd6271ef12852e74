namespace ClientVpnAudit.Emulator.Tests;

public sealed class SnapshotLoaderTests
{
    [Fact]
    public void Load_SeedExample_ReadsEveryFieldAsRawString()
    {
        var snapshot = TestData.SeedExample();

        Assert.Equal(2, snapshot.Connections.Count);
        var first = snapshot.Connections[0];
        Assert.Equal(TestData.SeedEndpoint, first.ClientVpnEndpointId);
        Assert.Equal("2019-08-12 07:58:34", first.Timestamp);
        Assert.Equal("cvpn-connection-0e03eb24267165acd", first.ConnectionId);
        Assert.Equal("32302", first.IngressBytes);
        Assert.Equal("", first.ClientIp);
        Assert.Equal("terminated", first.StatusCode);
        Assert.Null(first.StatusMessage);
        Assert.Null(first.Username);
        Assert.Null(first.PostureComplianceStatuses);
        Assert.Equal("-", snapshot.Connections[1].ConnectionEndTime);
    }

    [Fact]
    public void Load_WithoutEndpointsArray_DerivesAvailableEndpointsInOrderOfFirstAppearance()
    {
        var json = """
            {"Connections": [
              {"ClientVpnEndpointId": "cvpn-endpoint-b"},
              {"ClientVpnEndpointId": "cvpn-endpoint-a"},
              {"ClientVpnEndpointId": "cvpn-endpoint-b"}
            ]}
            """;
        var snapshot = SnapshotLoader.Parse(json, "x.json");

        Assert.False(snapshot.EndpointsGiven);
        Assert.Equal(["cvpn-endpoint-b", "cvpn-endpoint-a"], snapshot.Endpoints.Select(e => e.ClientVpnEndpointId));
        Assert.All(snapshot.Endpoints, endpoint => Assert.Equal("available", endpoint.StatusCode));
    }

    [Fact]
    public void Load_WithEndpointsArray_KeepsGivenEndpointsAndTheirJson()
    {
        var snapshot = TestData.WithEndpoints();

        Assert.True(snapshot.EndpointsGiven);
        Assert.Equal([TestData.SeedEndpoint, TestData.IdleEndpoint], snapshot.Endpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Equal("pending-associate", snapshot.Endpoints[1].StatusCode);
        Assert.Equal("tcp", snapshot.Endpoints[1].Field("TransportProtocol"));
        Assert.Equal("1194", snapshot.Endpoints[1].Field("VpnPort"));
    }

    [Fact]
    public void Parse_MalformedValues_ArePassedThroughUntouched()
    {
        var json = """
            {"Connections": [{
              "ClientVpnEndpointId": "cvpn-endpoint-a",
              "IngressBytes": "abc",
              "EgressBytes": 12,
              "ClientIp": "   ",
              "ConnectionEndTime": null,
              "PostureComplianceStatuses": ["compliant"]
            }]}
            """;
        var c = SnapshotLoader.Parse(json, "x.json").Connections[0];

        Assert.Equal("abc", c.IngressBytes);
        Assert.Equal("12", c.EgressBytes);
        Assert.Equal("   ", c.ClientIp);
        Assert.Null(c.Timestamp);
        Assert.Null(c.ConnectionEndTime);
        Assert.Equal(["compliant"], c.PostureComplianceStatuses!);
    }

    [Fact]
    public void Parse_InvalidJson_NamesFileAndOneBasedLine()
    {
        var json = "{\n  \"Connections\": [\n    {\"ClientVpnEndpointId\": \"a\",}\n  ]\n}";

        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.Parse(json, "events/x.json"));

        Assert.StartsWith("events/x.json: line 3: invalid JSON: ", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
    }

    [Fact]
    public void Parse_ConnectionWithoutEndpointId_NamesTheIndex()
    {
        var json = """{"Connections": [{"ClientVpnEndpointId": "a"}, {"ClientVpnEndpointId": "b"}, {"ConnectionId": "c"}]}""";

        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.Parse(json, "x.json"));

        Assert.Equal("x.json: Connections[2] has no ClientVpnEndpointId", e.Message);
    }

    [Theory]
    [InlineData("""{"connections": []}""")]
    [InlineData("""[]""")]
    [InlineData("""{"Connections": {}}""")]
    public void Parse_WithoutConnectionsArray_IsNotASnapshot(string json)
    {
        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.Parse(json, "x.json"));

        Assert.Equal("x.json: not a snapshot: no Connections array", e.Message);
    }

    [Fact]
    public void Parse_EndpointWithoutId_NamesTheIndex()
    {
        var json = """{"Connections": [], "ClientVpnEndpoints": [{"Description": "x"}]}""";

        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.Parse(json, "x.json"));

        Assert.Equal("x.json: ClientVpnEndpoints[0] has no ClientVpnEndpointId", e.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysFileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.json");

        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.Load(path));

        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void FromConnections_ConnectionWithoutEndpointId_Throws()
    {
        var e = Assert.Throws<SnapshotException>(() =>
            SnapshotLoader.FromConnections([new SnapshotConnection("a"), new SnapshotConnection("")]));

        Assert.Equal("generated: Connections[1] has no ClientVpnEndpointId", e.Message);
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsConnectionsAndGivenEndpoints()
    {
        var original = TestData.WithEndpoints();
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "snapshot.json");
        try
        {
            SnapshotLoader.Save(original, path);
            var loaded = SnapshotLoader.Load(path);

            Assert.Equal(original.Connections, loaded.Connections);
            Assert.True(loaded.EndpointsGiven);
            Assert.Equal(
                original.Endpoints.Select(e => e.Json!.Value.GetRawText().Replace(" ", "").Replace("\n", "")),
                loaded.Endpoints.Select(e => e.Json!.Value.GetRawText().Replace(" ", "").Replace("\n", "")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Save_GeneratedSnapshot_WritesCliJsonWithoutDerivedEndpoints()
    {
        var snapshot = SnapshotLoader.FromConnections([
            new SnapshotConnection("cvpn-endpoint-a", ConnectionId: "c1", StatusCode: "active", PostureComplianceStatuses: []),
        ]);

        var json = SnapshotLoader.ToJson(snapshot);
        var loaded = SnapshotLoader.Parse(json, "roundtrip");

        Assert.DoesNotContain("ClientVpnEndpoints", json);
        Assert.Contains("    \"Connections\": [", json);
        Assert.Equal("c1", loaded.Connections[0].ConnectionId);
        Assert.Equal("active", loaded.Connections[0].StatusCode);
        Assert.Empty(loaded.Connections[0].PostureComplianceStatuses!);
        Assert.False(loaded.EndpointsGiven);
    }

    [Fact]
    public void CapturedAt_WhenPresent_IsReadAsUtc_AndWrittenBackFirstInTheSameForm()
    {
        var json = """{"CapturedAt": "2026-03-02T09:15:03Z", "Connections": []}""";

        var snapshot = SnapshotLoader.Parse(json, "x.json");
        var written = SnapshotLoader.ToJson(snapshot);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 15, 3, TimeSpan.Zero), snapshot.CapturedAt);
        Assert.Equal(TimeSpan.Zero, snapshot.CapturedAt!.Value.Offset);
        Assert.StartsWith("{\n    \"CapturedAt\": \"2026-03-02T09:15:03Z\",\n    \"Connections\": [", written);
        Assert.Equal(snapshot.CapturedAt, SnapshotLoader.Parse(written, "roundtrip").CapturedAt);
    }

    [Theory]
    [InlineData("""{"Connections": []}""")]
    [InlineData("""{"Connections": [], "CapturedAt": null}""")]
    public void CapturedAt_WhenAbsentOrNull_IsNull_AndNotWritten(string json)
    {
        var snapshot = SnapshotLoader.Parse(json, "x.json");

        Assert.Null(snapshot.CapturedAt);
        Assert.DoesNotContain("CapturedAt", SnapshotLoader.ToJson(snapshot));
    }

    [Theory]
    [InlineData("\"2026-03-02 09:15:03\"", "2026-03-02 09:15:03")]
    [InlineData("\"2026-03-02T09:15:03\"", "2026-03-02T09:15:03")]
    [InlineData("\"2026-03-02T09:15:03+01:00\"", "2026-03-02T09:15:03+01:00")]
    [InlineData("\"2026-03-02T09:15:03.250Z\"", "2026-03-02T09:15:03.250Z")]
    [InlineData("\" 2026-03-02T09:15:03Z\"", " 2026-03-02T09:15:03Z")]
    [InlineData("\"2026-02-30T09:15:03Z\"", "2026-02-30T09:15:03Z")]
    [InlineData("\"\"", "")]
    [InlineData("1772442903", "1772442903")]
    [InlineData("{}", "{}")]
    public void CapturedAt_WhenNotExactlyAUtcTime_FailsLoading_NamingTheFileAndTheValue(string jsonValue, string shown)
    {
        var json = $$"""{"Connections": [], "CapturedAt": {{jsonValue}}}""";

        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.Parse(json, "polls/x.json"));

        Assert.Equal($"polls/x.json: CapturedAt '{shown}' is not a UTC time like 2026-03-02T09:15:03Z", e.Message);
    }

    [Fact]
    public void FromConnections_WithCapturedAt_KeepsItInUtcToTheSecond_AndSaveThenLoadGivesItBack()
    {
        var local = new DateTimeOffset(2026, 3, 2, 10, 15, 3, TimeSpan.FromHours(1)).AddMilliseconds(740);
        var snapshot = SnapshotLoader.FromConnections([new SnapshotConnection("cvpn-endpoint-a")], capturedAt: local);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "snapshot.json");
        try
        {
            SnapshotLoader.Save(snapshot, path);
            var loaded = SnapshotLoader.Load(path);

            var expected = new DateTimeOffset(2026, 3, 2, 9, 15, 3, TimeSpan.Zero);
            Assert.Equal(expected, snapshot.CapturedAt);
            Assert.Equal(TimeSpan.Zero, snapshot.CapturedAt!.Value.Offset);
            Assert.Equal(expected, loaded.CapturedAt);
            Assert.Contains("\"CapturedAt\": \"2026-03-02T09:15:03Z\"", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void FromConnections_WithoutCapturedAt_HasNone_AndWritesNone()
    {
        var snapshot = SnapshotLoader.FromConnections([new SnapshotConnection("cvpn-endpoint-a")], capturedAt: null);

        Assert.Null(snapshot.CapturedAt);
        Assert.DoesNotContain("CapturedAt", SnapshotLoader.ToJson(snapshot));
    }
}

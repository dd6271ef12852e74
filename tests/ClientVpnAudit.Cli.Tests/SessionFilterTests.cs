using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>The query filters of `sessions` on the replayed demo: which sessions each selection returns, in order.</summary>
[Collection(DemoArchiveCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class SessionFilterTests(DemoArchiveFixture demo)
{
    [Fact]
    public async Task Sessions_WithoutFilters_ListEverySessionByEstablishedTimeThenId() =>
        Assert.Equal([CiRunner, Alice, LabBastion, Erin, BobMorning, JsmithLaptop, Carol, Frank, Heidi, BobLater, MkowalskiLaptop, Dave, Grace],
            await IdsAsync());

    [Fact]
    public async Task Sessions_ByEndpoint_ListOnlyThatEndpoint() =>
        Assert.Equal([CiRunner, JsmithLaptop, MkowalskiLaptop], await IdsAsync("--endpoint", EngineeringEndpoint));

    [Fact]
    public async Task Sessions_ByAccountAndRegion_FilterOnTheRecordsTarget()
    {
        Assert.Equal(13, (await IdsAsync("--account", "123456789012", "--region", "eu-west-1")).Count);
        Assert.Empty(await IdsAsync("--account", "111111111111"));
        Assert.Empty(await IdsAsync("--region", "us-east-1"));
        Assert.Equal([CiRunner, JsmithLaptop, MkowalskiLaptop], await IdsAsync("--endpoint", EngineeringEndpoint, "--account", "123456789012"));
    }

    [Fact]
    public async Task Sessions_ByUser_MatchIdentity_UsernameOrCommonName()
    {
        Assert.Equal([BobMorning, BobLater], await IdsAsync("--user", "bob"));
        Assert.Equal([JsmithLaptop], await IdsAsync("--user", "laptop-jsmith.eng.example.com"));
        Assert.Empty(await IdsAsync("--user", "Bob"));
    }

    [Fact]
    public async Task Sessions_ByUserAndEndpoint_NeedBoth()
    {
        Assert.Equal([Erin], await IdsAsync("--user", "erin@partner.example.com", "--endpoint", ContractorEndpoint));
        Assert.Empty(await IdsAsync("--user", "erin@partner.example.com", "--endpoint", CorporateEndpoint));
    }

    [Fact]
    public async Task Sessions_Active_ListThoseNotEnded_WithOrWithoutEndpoint()
    {
        Assert.Equal([CiRunner, Alice, Erin, MkowalskiLaptop, Dave, Grace], await IdsAsync("--active"));
        Assert.Equal([Alice, Dave], await IdsAsync("--active", "--endpoint", CorporateEndpoint));
        Assert.Equal([Alice], await IdsAsync("--active", "--endpoint", CorporateEndpoint, "--user", "alice"));
        Assert.Empty(await IdsAsync("--active", "--user", "bob"));
    }

    [Fact]
    public async Task Sessions_SinceUntil_SelectThoseConnectedAtAnyMomentOfTheInterval()
    {
        // Bob's morning session (08:55:02 to 09:03:12) started before --since and ended inside: included.
        // jsmith (09:06:51 to 09:47:03) is inside; Frank (09:20:15) and Bob's later session (09:31:07) began after --until.
        string[] interval = ["--since", "2026-03-02T09:00:00Z", "--until", "2026-03-02T09:15:00Z"];
        Assert.Equal([CiRunner, Alice, LabBastion, Erin, BobMorning, JsmithLaptop, Carol], await IdsAsync(interval));
        Assert.Equal([Alice, BobMorning, Carol], await IdsAsync([.. interval, "--endpoint", CorporateEndpoint]));
        Assert.Equal([BobMorning], await IdsAsync([.. interval, "--user", "bob"]));
    }

    [Fact]
    public async Task Sessions_Since_LeavesOutSessionsThatEndedBefore_AndCountsALostSessionUntilMissingSince()
    {
        // During the outage: Bob's morning session, jsmith and Frank had ended; Carol was last seen at 10:05 and only
        // found missing at 11:20:00, so she may have been connected.
        string[] outage = ["--since", "2026-03-02T10:30:00Z", "--until", "2026-03-02T11:00:00Z"];
        Assert.Equal([CiRunner, Alice, Erin, Carol, BobLater, MkowalskiLaptop], await IdsAsync(outage));
        Assert.Equal([Alice, Dave], await IdsAsync("--endpoint", CorporateEndpoint, "--since", "2026-03-02T11:20:03Z"));
    }

    [Fact]
    public async Task Sessions_WithADateAlone_ReadItAsMidnightUtc_AndAcceptOffsets()
    {
        // --until 2026-03-02 is midnight at the start of that day: only the CI runner had connected by then.
        Assert.Equal([CiRunner], await IdsAsync("--until", "2026-03-02"));
        // 09:05 at UTC+1 is 08:05Z: before Erin (08:40:10) and Bob (08:55:02) connected.
        Assert.Equal([CiRunner, Alice], await IdsAsync("--until", "2026-03-02T09:05:00+01:00"));
        Assert.Equal([CiRunner, Alice, LabBastion, Erin], await IdsAsync("--until", "2026-03-02T08:50"));
    }

    private async Task<IReadOnlyList<string>> IdsAsync(params string[] args)
    {
        var result = await demo.SessionsAsync([.. args, "--output", "json"]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return SessionsJson.ConnectionIds(result.Out);
    }
}

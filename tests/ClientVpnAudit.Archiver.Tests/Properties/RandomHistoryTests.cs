using ClientVpnAudit.Testing;
using FsCheck.Xunit;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// Random histories (see <see cref="HistoryGenerator"/>) replayed twice through the real archiver, the EC2 emulator and
/// dynalite, 50 of them (about 10 s). A failure prints the history, and FsCheck the seed that rebuilds it: run again with
/// Replay = "(seed,gamma)" as printed.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class RandomHistoryTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Property(MaxTest = 50, Arbitrary = [typeof(HistoryArbitrary)])]
    public async Task RandomHistories_KeepEveryListedEnd_MarkLostOnlyUnlistedEnds_CloseEverythingUnlisted_AndReplayIdempotently(History history) =>
        await HistoryCheck.ReplayTwiceAndCheckAsync(dynalite, history);
}

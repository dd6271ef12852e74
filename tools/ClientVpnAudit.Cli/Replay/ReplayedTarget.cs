using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Replay;

/// <summary>
/// The account and region a replayed target archives under: the file's own AccountId and Region (top-level in a
/// single-target file, where they are optional; each target's own in a file of several), else the command's --account
/// and --region (which default to the local placeholder target). Checked by the archiver's rules.
/// </summary>
internal static class ReplayedTarget
{
    /// <summary>Every target of the poll, in file order, with the account and region it archives under.</summary>
    /// <exception cref="CliInputException">The file names an account or region the archiver would refuse; the message names the file and the target.</exception>
    public static IReadOnlyList<ReplayedRun> Of(Poll poll, Target fallback)
    {
        var single = poll.Snapshots.IsSingleTarget;
        return poll.Snapshots.Targets.Select((snapshot, index) =>
        {
            var target = Of(poll.Name, single ? "" : $"Targets[{index}].", snapshot, fallback);
            return new ReplayedRun(poll, snapshot, target, single ? poll.Name : $"{poll.Name} {target}");
        }).ToList();
    }

    private static Target Of(string pollName, string path, Snapshot snapshot, Target fallback)
    {
        try
        {
            return new Target(
                snapshot.AccountId is { } account ? ArchiverOptionsReader.ReadAccountId(account) : fallback.AccountId,
                snapshot.Region is { } region ? ArchiverOptionsReader.ReadRegion(region) : fallback.Region);
        }
        catch (ArchiverConfigurationException refused)
        {
            var field = refused.Variable == ArchiverSettingNames.AccountId ? "AccountId" : "Region";
            throw new CliInputException($"replay: {pollName}: {path}{field} must be {refused.Expectation}", refused);
        }
    }
}

/// <summary>
/// One archiver run of a replay: one target of one poll. <paramref name="Name"/> is the file name, followed by
/// <c>ACCOUNT:REGION</c> when the file holds several targets.
/// </summary>
internal sealed record ReplayedRun(Poll Poll, Snapshot Snapshot, Target Target, string Name);

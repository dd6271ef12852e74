using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Replay;

/// <summary>
/// The account and region a replayed poll archives under: the file's own top-level AccountId and Region, else the
/// command's --account and --region (which default to the local placeholder target). Checked by the archiver's rules.
/// </summary>
internal static class ReplayedTarget
{
    /// <exception cref="CliInputException">The file names an account or region the archiver would refuse; the message names the file.</exception>
    public static Target Of(Poll poll, Target fallback)
    {
        try
        {
            return new Target(
                poll.Snapshot.AccountId is { } account ? ArchiverOptionsReader.ReadAccountId(account) : fallback.AccountId,
                poll.Snapshot.Region is { } region ? ArchiverOptionsReader.ReadRegion(region) : fallback.Region);
        }
        catch (ArchiverConfigurationException refused)
        {
            var field = refused.Variable == ArchiverSettingNames.AccountId ? "AccountId" : "Region";
            throw new CliInputException($"replay: {poll.Name}: {field} must be {refused.Expectation}", refused);
        }
    }
}

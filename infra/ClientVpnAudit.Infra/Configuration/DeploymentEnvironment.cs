namespace ClientVpnAudit.Infra.Configuration;

/// <summary>
/// A committed block of settings per deployment environment: cdk.json's context "environments", chosen with
/// `-c env=NAME`. A setting given with `-c` is easy to forget on the next deploy, and a forgotten one would silently
/// fall back to its default (the AWS-owned key, no alarm email, every endpoint); a committed block does not forget.
/// </summary>
public static class DeploymentEnvironment
{
    /// <summary>
    /// The settings an environment must write out, because their defaults quietly weaken a deployment. Each has a
    /// word for "deliberately none" (JSON null cannot say it: the CDK drops null context values).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Required = new Dictionary<string, string>
    {
        [ContextKeys.AlarmEmail] = StackOptions.NoAlarmEmail,
        [ContextKeys.KmsKeyArn] = StackOptions.AwsOwnedKey,
        [ContextKeys.EndpointIds] = StackOptions.AllEndpoints,
    };

    /// <summary>
    /// Without `-c env`, the context as it is. With it, that environment's block, then the rest of the context for the
    /// settings the block does not hold.
    /// </summary>
    /// <exception cref="InvalidContextException">The environment is unknown, lacks a required key, or holds an unknown one.</exception>
    public static Func<string, object?> Select(Func<string, object?> context)
    {
        var name = ContextValue.Text(ContextKeys.Environment, context(ContextKeys.Environment));
        if (name is null)
        {
            return context;
        }

        var environments = context(ContextKeys.Environments) as IDictionary<string, object> ?? new Dictionary<string, object>();
        if (!environments.TryGetValue(name, out var found) || found is not IDictionary<string, object> block)
        {
            var known = environments.Count == 0 ? "cdk.json defines none" : "cdk.json defines " + string.Join(", ", environments.Keys.Order());
            throw new InvalidContextException(ContextKeys.Environment, name, $"expected the name of an environment in cdk.json's \"{ContextKeys.Environments}\" ({known})");
        }

        var unknown = block.Keys.FirstOrDefault(key => !ContextKeys.Settings.Contains(key));
        if (unknown is not null)
        {
            throw new InvalidContextException(unknown, block[unknown],
                $"environment '{name}' in cdk.json sets a setting this app does not have (known: {string.Join(", ", ContextKeys.Settings)})");
        }

        var missing = Required.Keys.FirstOrDefault(key => !block.ContainsKey(key));
        if (missing is not null)
        {
            throw new InvalidContextException(missing, null,
                $"environment '{name}' in cdk.json must set it (\"{Required[missing]}\" for none), so that a deploy never falls back to a default");
        }

        return key => block.TryGetValue(key, out var value) ? value : context(key);
    }
}

using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Configuration;

/// <summary>Holds the current runtime settings; readers get an immutable snapshot without locking.</summary>
internal sealed class RuntimeSettingsStore(IOptions<EmulatorOptions> options)
{
    private readonly Lock gate = new();
    private readonly RuntimeSettings configured = RuntimeSettings.From(options.Value);
    private RuntimeSettings? current;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RuntimeSettings Current => Volatile.Read(ref current) ?? configured;

    /// <summary>Completes at the next change, which is what releases requests held by the "hang" fault.</summary>
    public Task NextChange
    {
        get
        {
            lock (gate)
            {
                return changed.Task;
            }
        }
    }

    public List<string> TryUpdate(RuntimeSettingsPatch patch)
    {
        lock (gate)
        {
            var next = patch.ApplyTo(Current);
            var problems = RuntimeSettingsValidator.Validate(next);
            if (problems.Count == 0)
            {
                Publish(next);
            }

            return problems;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            Publish(configured);
        }
    }

    private void Publish(RuntimeSettings next)
    {
        Volatile.Write(ref current, next);
        var previous = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using HubSpotCrm.TestSupport;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace HubSpotCrm.Api.Tests.Webhooks;

/// <summary>
/// The receiver examples under README.md's "Verifying a delivery", run as they stand there (the Python block with
/// python3, the C# block's Verify call), accept a delivery signed the way the Api signs it and refuse what the
/// Standard Webhooks specification says a receiver refuses.
/// </summary>
public sealed class ReceiverExampleTests
{
    private const string Heading = "### Verifying a delivery";
    private const string Id = "0193f0a4-7c2e-7d4b-9a51-3f2b8c1d0e6f";

    // Not ASCII on purpose: the Api signs the UTF-8 bytes of the body, and the receiver reads bytes.
    private const string Body = """{"requestId":"0193f0a4-7c2e-7d4b-9a51-3f2b8c1d0e6f","kind":"contact","status":"succeeded","source":"api","createdAt":"2025-01-06T10:00:00Z","updatedAt":"2025-01-06T10:00:02Z","completedAt":"2025-01-06T10:00:02Z","result":{"contactId":"100000001","email":"zoë@example.com","created":true},"error":null}""";

    private static readonly string Secret = NewSecret();
    private static readonly Lazy<string> ReadmeSection = new(ReadSection);

    [Fact]
    public async Task Python_example_accepts_a_delivery_signed_like_the_Api()
    {
        var run = await RunPythonExample(Secret, Signed(DateTimeOffset.UtcNow));

        Assert.Equal((0, $"verified {Id}: succeeded", ""), (run.ExitCode, run.Stdout.Trim(), run.Stderr));
    }

    [Theory]
    [InlineData(-240)]
    [InlineData(240)]
    public async Task Python_example_accepts_a_clock_up_to_5_minutes_off(int offsetSeconds)
    {
        var run = await RunPythonExample(Secret, Signed(DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)));

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
    }

    [Theory]
    [InlineData(-360)]
    [InlineData(360)]
    public async Task Python_example_refuses_a_timestamp_more_than_5_minutes_away(int offsetSeconds)
    {
        var run = await RunPythonExample(Secret, Signed(DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)));

        AssertRejected(run, "webhook-timestamp is more than 5 minutes away");
    }

    [Fact]
    public async Task Python_example_refuses_a_tampered_body()
    {
        var delivery = Signed(DateTimeOffset.UtcNow) with { Body = Body.Replace("succeeded", "failed", StringComparison.Ordinal) };

        AssertRejected(await RunPythonExample(Secret, delivery), "no v1 signature matches");
    }

    [Fact]
    public async Task Python_example_refuses_a_delivery_signed_with_another_secret()
    {
        AssertRejected(await RunPythonExample(NewSecret(), Signed(DateTimeOffset.UtcNow)), "no v1 signature matches");
    }

    [Theory]
    [InlineData("v1,OTHER RIGHT")]
    [InlineData("RIGHT v1,OTHER")]
    [InlineData("v1,OTHER v2,OTHER RIGHT")]
    [InlineData("v1,OTHER RIGHT v1,OTHER")]
    public async Task Python_example_accepts_a_signature_list_with_one_right_entry(string list)
    {
        var run = await RunPythonExample(Secret, WithSignatures(list));

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
    }

    [Theory]
    [InlineData("v1,OTHER v1,OTHER")]
    [InlineData("v1a,HMAC")] // the right HMAC under another scheme's label
    [InlineData("HMAC")]
    public async Task Python_example_refuses_a_signature_list_without_a_right_v1_entry(string list)
    {
        AssertRejected(await RunPythonExample(Secret, WithSignatures(list)), "no v1 signature matches");
    }

    [Fact]
    public async Task Python_example_refuses_a_delivery_without_a_signature()
    {
        var delivery = Signed(DateTimeOffset.UtcNow) with { Signature = null };

        AssertRejected(await RunPythonExample(Secret, delivery), "missing webhook-id, webhook-timestamp or webhook-signature");
    }

    [Fact]
    public void CSharp_example_Verify_accepts_the_same_delivery_and_refuses_it_tampered()
    {
        Assert.Contains("webhook.Verify(body, request.Headers);", CodeBlock("csharp"), StringComparison.Ordinal);
        var delivery = Signed(DateTimeOffset.UtcNow);
        var webhook = new StandardWebhook(Secret);

        webhook.Verify(delivery.Body, Headers(delivery));
        Assert.Throws<WebhookVerificationException>(() =>
            webhook.Verify(delivery.Body.Replace("succeeded", "failed", StringComparison.Ordinal), Headers(delivery)));
    }

    private sealed record Delivery(string Id, string Timestamp, string? Signature, string Body);

    private sealed record PythonRun(int ExitCode, string Stdout, string Stderr);

    /// <summary>Signed as the Api signs a delivery: the package's Sign over id, timestamp and body.</summary>
    private static Delivery Signed(DateTimeOffset timestamp) => new(
        Id,
        timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        new StandardWebhook(Secret).Sign(Id, timestamp, Body),
        Body);

    /// <summary>RIGHT is the Api's entry, HMAC its base64 without the version, OTHER an entry signed with another key.</summary>
    private static Delivery WithSignatures(string list)
    {
        var now = DateTimeOffset.UtcNow;
        var right = Signed(now).Signature!;
        var other = new StandardWebhook(NewSecret()).Sign(Id, now, Body)["v1,".Length..];
        return Signed(now) with
        {
            Signature = list
                .Replace("RIGHT", right, StringComparison.Ordinal)
                .Replace("HMAC", right["v1,".Length..], StringComparison.Ordinal)
                .Replace("OTHER", other, StringComparison.Ordinal),
        };
    }

    private static HeaderDictionary Headers(Delivery delivery) => new()
    {
        ["webhook-id"] = delivery.Id,
        ["webhook-timestamp"] = delivery.Timestamp,
        ["webhook-signature"] = delivery.Signature,
    };

    private static void AssertRejected(PythonRun run, string reason) =>
        Assert.Equal((1, "", $"rejected: {reason}"), (run.ExitCode, run.Stdout, run.Stderr.Trim()));

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<PythonRun> RunPythonExample(string secret, Delivery delivery)
    {
        var script = Path.Combine(Path.GetTempPath(), $"webhook-receiver-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, CodeBlock("python"));
        try
        {
            var start = new ProcessStartInfo("python3", [script])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["WEBHOOK_SECRET"] = secret;
            start.Environment["WEBHOOK_ID"] = delivery.Id;
            start.Environment["WEBHOOK_TIMESTAMP"] = delivery.Timestamp;
            start.Environment.Remove("WEBHOOK_SIGNATURE");
            if (delivery.Signature is not null)
            {
                start.Environment["WEBHOOK_SIGNATURE"] = delivery.Signature;
            }

            using var python = StartPython(start);
            var stdout = python.StandardOutput.ReadToEndAsync();
            var stderr = python.StandardError.ReadToEndAsync();
            await python.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(delivery.Body));
            python.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await python.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                python.Kill();
                throw new TimeoutException("The README's Python example did not exit within 30 s.");
            }
            return new PythonRun(python.ExitCode, await stdout, await stderr);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static Process StartPython(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("python3 is not on PATH: the README's Python receiver example is run with it (apt-get install python3).", e);
        }
    }

    /// <summary>The first ```language block of the README's "Verifying a delivery" section.</summary>
    private static string CodeBlock(string language)
    {
        var block = new StringBuilder();
        var inBlock = false;
        foreach (var line in ReadmeSection.Value.Split('\n'))
        {
            if (inBlock && line.StartsWith("```", StringComparison.Ordinal))
            {
                return block.ToString();
            }
            if (inBlock)
            {
                block.Append(line).Append('\n');
            }
            inBlock |= line == "```" + language;
        }
        throw new InvalidOperationException($"README.md has no ```{language} block under \"{Heading}\".");
    }

    /// <summary>From the heading to the next heading of the same or a higher level, fenced code left whole.</summary>
    private static string ReadSection()
    {
        var lines = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, Heading);
        if (start < 0)
        {
            throw new InvalidOperationException($"README.md has no \"{Heading}\" heading.");
        }
        var end = start + 1;
        for (var inFence = false; end < lines.Length; end++)
        {
            inFence ^= lines[end].StartsWith("```", StringComparison.Ordinal);
            if (!inFence && (lines[end].StartsWith("## ", StringComparison.Ordinal) || lines[end].StartsWith("### ", StringComparison.Ordinal)))
            {
                break;
            }
        }
        return string.Join('\n', lines[start..end]);
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.Batches;

/// <summary>
/// A bulk upload as NDJSON: one item per line, each the body of a single submission; blank lines are skipped. It is
/// read as it streams in, a line at a time, so a large upload never sits in memory as text, and a line that is not
/// JSON is reported by its line number like any other invalid item.
/// </summary>
public static class NdjsonBatchBody
{
    public const string MediaType = "application/x-ndjson";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static bool Is(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';', 2)[0].Trim().Equals(MediaType, StringComparison.OrdinalIgnoreCase);

    public static async Task<(byte[]? Hash, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, BatchLimitsOptions limits, IBatchIntake intake, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limits.MaxUploadBytes)
        {
            return (null, BatchProblems.TooLarge(limits.MaxUploadBytes));
        }
        // Kestrel's own cap (30 MB) would cut an upload short with an error of its own; this one answers 413 saying so.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var reader = request.BodyReader;
        var lines = new Lines(limits, intake, hash);
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var problem = TakeLines(ref buffer, lines, limits, read.IsCompleted);
            // Every read is advanced, the last one and one that found a problem too: Kestrel cannot drain a body whose
            // reader was left mid-read, and closes the connection after the answer, under a client about to reuse it.
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (problem is not null)
            {
                return (null, problem);
            }
            if (read.IsCompleted)
            {
                break;
            }
        }
        if (lines.Items == 0)
        {
            return (null, BatchProblems.Shape([], $"Send at least one item: one JSON object per line ({MediaType})."));
        }
        return (hash.GetHashAndReset(), null);
    }

    /// <summary>Takes the buffer's whole lines (and at the end of the body its last line), leaving the buffer at what is left.</summary>
    private static ProblemHttpResult? TakeLines(ref ReadOnlySequence<byte> buffer, Lines lines, BatchLimitsOptions limits, bool completed)
    {
        while (buffer.PositionOf((byte)'\n') is { } end)
        {
            if (lines.Take(buffer.Slice(0, end)) is { } problem)
            {
                return problem;
            }
            buffer = buffer.Slice(buffer.GetPosition(1, end));
        }
        if (buffer.Length > limits.MaxLineBytes)
        {
            return BatchProblems.LineTooLong(lines.Number + 1, limits.MaxLineBytes);
        }
        if (completed && buffer.Length > 0)
        {
            var last = lines.Take(buffer);
            buffer = buffer.Slice(buffer.End);
            return last;
        }
        return null;
    }

    private sealed class Lines(BatchLimitsOptions limits, IBatchIntake intake, IncrementalHash hash)
    {
        public int Number { get; private set; }

        public int Items { get; private set; }

        private long _bytes;

        public ProblemHttpResult? Take(ReadOnlySequence<byte> line)
        {
            Number++;
            _bytes += line.Length + 1;
            if (_bytes > limits.MaxUploadBytes)
            {
                return BatchProblems.TooLarge(limits.MaxUploadBytes);
            }
            if (line.Length > limits.MaxLineBytes)
            {
                return BatchProblems.LineTooLong(Number, limits.MaxLineBytes);
            }
            var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
            hash.AppendData(bytes);
            hash.AppendData("\n"u8);
            var text = bytes.TrimEnd((byte)'\r');
            if (text.Trim(" \t"u8).IsEmpty)
            {
                return null;
            }
            if (Items == limits.MaxLines)
            {
                return BatchProblems.TooManyItems("lines", null, limits.MaxLines, "split the file into several uploads");
            }
            var input = new BatchInput(Items++, Number, $"lines[{Number}]", default);
            if (!Utf8.IsValid(text))
            {
                intake.AddUnreadable(input, "The line is not valid UTF-8.");
                return null;
            }
            try
            {
                using var document = JsonDocument.Parse(text.ToArray(), DocumentOptions);
                intake.Add(input with { Element = document.RootElement });
            }
            catch (JsonException exception)
            {
                intake.AddUnreadable(input, $"The line is not valid JSON: {exception.Message}");
            }
            return null;
        }
    }
}

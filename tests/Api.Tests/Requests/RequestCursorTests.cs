using System.Buffers.Binary;
using System.Buffers.Text;
using HubSpotCrm.Api.Requests;

namespace HubSpotCrm.Api.Tests.Requests;

public sealed class RequestCursorTests
{
    [Fact]
    public void A_cursor_comes_back_as_it_was_encoded()
    {
        var cursor = new RequestCursor(new DateTimeOffset(2026, 11, 27, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), Guid.CreateVersion7());

        var text = cursor.Encode();

        Assert.Equal(cursor, RequestCursor.TryDecode(text));
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
    }

    [Fact]
    public void The_format_is_base64url_of_the_ticks_then_the_id_big_endian()
    {
        var cursor = new RequestCursor(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), Guid.Parse("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506"));

        var bytes = Base64Url.DecodeFromChars(cursor.Encode());

        Assert.Equal(24, bytes.Length);
        Assert.Equal(cursor.CreatedAt.UtcTicks, BinaryPrimitives.ReadInt64BigEndian(bytes));
        Assert.Equal("0192f3a45b6c7d8e9fa0b1c2d3e4f506", Convert.ToHexStringLower(bytes.AsSpan(8)));
    }

    [Fact]
    public void A_cursor_in_another_offset_is_the_same_instant()
    {
        var instant = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.FromHours(2));
        var id = Guid.NewGuid();

        var decoded = RequestCursor.TryDecode(new RequestCursor(instant, id).Encode());

        Assert.Equal(instant.UtcDateTime, decoded!.CreatedAt.UtcDateTime);
        Assert.Equal(id, decoded.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("AAjdLf3o0QABk6T0Wx58PZ5PEjRWeJq8AA")]
    [InlineData("AAjdLf3o0QABk6T0Wx58PZ5PEjRWeJq!")]
    [InlineData("AAjdLf3o0QABk6T0Wx58PZ5PEjRWeJq+")]
    [InlineData("AAjdLf3o0QABk6T0Wx58PZ5PEjRWeJq=")]
    [InlineData("AAjd Lf3o0QABk6T0Wx58PZ5PEjRWeJq")]
    [InlineData("__________________________________")]
    public void Anything_else_is_no_cursor(string text) => Assert.Null(RequestCursor.TryDecode(text));

    [Fact]
    public void Ticks_out_of_range_are_no_cursor()
    {
        Assert.Null(RequestCursor.TryDecode("________________________________"));
    }
}

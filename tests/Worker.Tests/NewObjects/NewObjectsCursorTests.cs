using System.Buffers.Text;
using System.Text;
using HubSpotCrm.Worker.NewObjects;

namespace HubSpotCrm.Worker.Tests.NewObjects;

/// <summary>The read path's one cursor format: every cursor it issues, combined or per type, is read by one decoder.</summary>
public sealed class NewObjectsCursorTests
{
    private static readonly KeysetPosition Contact = new(1767225600000, 101);
    private static readonly KeysetPosition Deal = new(1767225600123, 2001);

    [Fact]
    public void The_format_is_base64url_of_type_createdAt_and_id_per_type_in_a_fixed_order()
    {
        var text = NewObjectsCursor.Encode(new Dictionary<string, KeysetPosition> { ["deals"] = Deal, ["contacts"] = Contact });

        Assert.Equal("contacts:1767225600000:101,deals:1767225600123:2001", Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)));
        Assert.Matches("^[A-Za-z0-9_-]+$", text!);
    }

    [Fact]
    public void A_cursor_comes_back_as_it_was_encoded()
    {
        var positions = new Dictionary<string, KeysetPosition> { ["contacts"] = Contact, ["deals"] = Deal, ["tickets"] = new(0, 0) };

        var decoded = NewObjectsCursor.TryDecode(NewObjectsCursor.Encode(positions)!);

        Assert.Equal(positions.OrderBy(p => p.Key), decoded!.OrderBy(p => p.Key));
    }

    [Fact]
    public void No_position_is_no_cursor() => Assert.Null(NewObjectsCursor.Encode(new Dictionary<string, KeysetPosition>()));

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cursor")]
    [InlineData("not a cursor")]
    [InlineData("1767225600000:101")]
    [InlineData("contacts:1767225600000")]
    [InlineData("contacts:1767225600000:101:1")]
    [InlineData("contacts:1767225600000:101,")]
    [InlineData("contacts:1767225600000:101,contacts:1767225600001:102")]
    [InlineData("notes:1767225600000:101")]
    [InlineData("Contacts:1767225600000:101")]
    [InlineData("contacts:-1:101")]
    [InlineData("contacts:+1:101")]
    [InlineData("contacts: 1:101")]
    [InlineData("contacts:1767225600000:99999999999999999999")]
    [InlineData("contacts:1.5:101")]
    [InlineData("{\"contacts\":\"MTc2NzIyNTYwMDAwMDoxMDE\",\"deals\":null,\"tickets\":null}")]
    public void Text_in_another_form_is_no_cursor(string inside) =>
        Assert.Null(NewObjectsCursor.TryDecode(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(inside))));

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("Y29udGFjdHM6MTc2NzIyNTYwMDAwMDoxMDE+")]
    [InlineData("Y29udGFjdHM6MTc2NzIyNTYwMDAwMDoxMD/")]
    [InlineData("Y29udGFjdHM6MTc2NzIyNTYwMDAwMDoxMDE!")]
    public void Anything_but_base64url_is_no_cursor(string text) => Assert.Null(NewObjectsCursor.TryDecode(text));
}

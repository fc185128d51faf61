using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HubSpotCrm.Api.Requests.Migrations
{
    /// <inheritdoc />
    public partial class RequestOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client",
                table: "requests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Requests submitted with an Idempotency-Key before clients owned their requests: the key names the client.
            migrationBuilder.Sql("UPDATE requests r SET client = k.client FROM idempotency_keys k WHERE k.request_id = r.id");

            migrationBuilder.CreateIndex(
                name: "IX_requests_client_created_at_id",
                table: "requests",
                columns: new[] { "client", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requests_client_created_at_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "client",
                table: "requests");
        }
    }
}

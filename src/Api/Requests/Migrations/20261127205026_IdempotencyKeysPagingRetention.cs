using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HubSpotCrm.Api.Requests.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyKeysPagingRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    body_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => new { x.client, x.key });
                    table.ForeignKey(
                        name: "FK_idempotency_keys_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_requests_completed_at",
                table: "requests",
                column: "completed_at",
                filter: "completed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_requests_created_at_id",
                table: "requests",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_request_id",
                table: "idempotency_keys",
                column: "request_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropIndex(
                name: "IX_requests_completed_at",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "IX_requests_created_at_id",
                table: "requests");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HubSpotCrm.Api.Requests.Migrations
{
    /// <inheritdoc />
    public partial class Batches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "batch_id",
                table: "requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "batch_index",
                table: "requests",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "request_id",
                table: "idempotency_keys",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "batch_id",
                table: "idempotency_keys",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    item_count = table.Column<int>(type: "integer", nullable: false),
                    duplicates = table.Column<string>(type: "jsonb", nullable: false),
                    rejected = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_requests_batch_id_batch_index",
                table: "requests",
                columns: new[] { "batch_id", "batch_index" },
                filter: "batch_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_batch_id",
                table: "idempotency_keys",
                column: "batch_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_idempotency_keys_one_target",
                table: "idempotency_keys",
                sql: "(request_id IS NULL) <> (batch_id IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_batches_created_at",
                table: "batches",
                column: "created_at");

            migrationBuilder.AddForeignKey(
                name: "FK_idempotency_keys_batches_batch_id",
                table: "idempotency_keys",
                column: "batch_id",
                principalTable: "batches",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_idempotency_keys_batches_batch_id",
                table: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "batches");

            migrationBuilder.DropIndex(
                name: "IX_requests_batch_id_batch_index",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "IX_idempotency_keys_batch_id",
                table: "idempotency_keys");

            migrationBuilder.DropCheckConstraint(
                name: "ck_idempotency_keys_one_target",
                table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "batch_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "batch_index",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "batch_id",
                table: "idempotency_keys");

            migrationBuilder.AlterColumn<Guid>(
                name: "request_id",
                table: "idempotency_keys",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}

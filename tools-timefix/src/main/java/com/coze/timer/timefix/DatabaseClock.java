package com.coze.timer.timefix;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What year it is by the database's clock, and which years a plan would move rows from. */
final class DatabaseClock {

    private DatabaseClock() {
    }

    /** The current year in UTC by the database's clock, the one the service's timestamps come from. */
    static int currentYear(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT YEAR(UTC_TIMESTAMP())")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** {@code "from 2026 (3 rows), 2027 (1 row)"}: per year of a value to change, the rows with one. */
    static String yearsOf(RepairPlan plan) {
        Map<Integer, Long> rowsPerYear = new TreeMap<>();
        for (RepairPlan.Row row : plan.rows()) {
            row.cells().stream().map(RepairPlan.Cell::oldValue).map(LocalDateTime::getYear).distinct()
                    .forEach(year -> rowsPerYear.merge(year, 1L, Long::sum));
        }
        if (rowsPerYear.isEmpty()) {
            return "(none today)";
        }
        return "from " + rowsPerYear.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " row)" : " rows)"))
                .collect(Collectors.joining(", "));
    }
}

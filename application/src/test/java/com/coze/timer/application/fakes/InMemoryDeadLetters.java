package com.coze.timer.application.fakes;

import com.coze.timer.application.listing.DeadLetterCursor;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.application.port.out.DeadLetters;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DeadLetters} in a map, ordered as the database orders them. Thread-safe (synchronized). */
public final class InMemoryDeadLetters implements DeadLetters {

    private static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::failedAt)
            .thenComparing(DeadLetter::deadLetterId).reversed();

    private final Map<String, DeadLetter> byId = new LinkedHashMap<>();
    private final Map<String, Instant> redrivingUntil = new HashMap<>();

    public synchronized void clear() {
        byId.clear();
        redrivingUntil.clear();
    }

    public synchronized void add(DeadLetter deadLetter) {
        byId.put(deadLetter.deadLetterId(), deadLetter);
    }

    @Override
    public synchronized List<DeadLetter> page(Optional<Long> userId, Optional<DeadLetterCursor> after, int limit, int offset) {
        return byId.values().stream()
                .filter(d -> userId.map(id -> id == d.userId()).orElse(true))
                .filter(d -> after.map(c -> isAfter(d, c)).orElse(true))
                .sorted(NEWEST_FIRST).skip(offset).limit(limit).toList();
    }

    private static boolean isAfter(DeadLetter d, DeadLetterCursor c) {
        int byTime = d.failedAt().compareTo(c.failedAt());
        return byTime < 0 || byTime == 0 && d.deadLetterId().compareTo(c.deadLetterId()) < 0;
    }

    @Override
    public synchronized long count(long userId) {
        return byId.values().stream().filter(d -> d.userId() == userId).count();
    }

    @Override
    public synchronized Optional<DeadLetter> find(String deadLetterId) {
        return Optional.ofNullable(byId.get(deadLetterId));
    }

    @Override
    public synchronized boolean takeForRedrive(String deadLetterId, Instant now, Instant until) {
        Instant held = redrivingUntil.get(deadLetterId);
        if (!byId.containsKey(deadLetterId) || held != null && held.isAfter(now)) {
            return false;
        }
        redrivingUntil.put(deadLetterId, until);
        return true;
    }

    @Override
    public synchronized void releaseRedrive(String deadLetterId) {
        redrivingUntil.remove(deadLetterId);
    }

    @Override
    public synchronized boolean update(DeadLetter deadLetter) {
        redrivingUntil.remove(deadLetter.deadLetterId());
        return byId.replace(deadLetter.deadLetterId(), deadLetter) != null;
    }

    @Override
    public synchronized boolean delete(String deadLetterId) {
        redrivingUntil.remove(deadLetterId);
        return byId.remove(deadLetterId) != null;
    }

    @Override
    public synchronized int purgeFailedBefore(Instant cutoff, int limit) {
        List<String> old = byId.values().stream().filter(d -> d.failedAt().isBefore(cutoff)).limit(limit).map(DeadLetter::deadLetterId).toList();
        old.forEach(byId::remove);
        return old.size();
    }
}

package com.coze.timer.application.engine;

import com.coze.timer.application.port.out.CallbackSender;
import com.coze.timer.application.port.out.FireLedger;
import com.coze.timer.application.port.out.FireLock;
import com.coze.timer.application.port.out.FireMetrics;
import com.coze.timer.application.port.out.SlotOwnership;
import com.coze.timer.domain.task.Slots;

/** The ports the engine works through; a single instance needs only the first two. */
public record EnginePorts(
        FireLedger ledger,
        CallbackSender sender,
        SlotOwnership ownership,
        FireLock fireLock,
        FireMetrics metrics) {

    /** A single instance: owns every slot, no locks, no metrics. */
    public static EnginePorts single(FireLedger ledger, CallbackSender sender) {
        return new EnginePorts(ledger, sender, SlotOwnership.everything(Slots.STORED), FireLock.NONE, FireMetrics.NONE);
    }

    public EnginePorts withOwnership(SlotOwnership value) {
        return new EnginePorts(ledger, sender, value, fireLock, metrics);
    }

    public EnginePorts withFireLock(FireLock value) {
        return new EnginePorts(ledger, sender, ownership, value, metrics);
    }

    public EnginePorts withMetrics(FireMetrics value) {
        return new EnginePorts(ledger, sender, ownership, fireLock, value);
    }
}

package com.coze.timer.application.port.out;

/**
 * Whether a fire claimed under this fence may still be sent. {@link SlotOwnership#fence()} takes one
 * before the claims are written; it holds for as long as nothing since then could have let another
 * instance take those claims over (in cluster mode: the same coordination session, heard from
 * recently). The engine asks it right before a send, the HTTP sender again right before every
 * attempt goes on the wire. Once it stops holding it never holds again.
 */
@FunctionalInterface
public interface Fence {

    /** Always holds: a single instance, whose claims nobody else takes while it runs. */
    Fence OPEN = () -> true;

    /** Never holds: taken while the instance was not sure of its membership. */
    Fence CLOSED = () -> false;

    boolean holds();
}

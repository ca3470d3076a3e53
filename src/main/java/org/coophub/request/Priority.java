package org.coophub.request;

public enum Priority {
    ROUTINE,
    URGENT
}

package org.coophub.alerts;

import org.coophub.ledger.Direction;
import org.coophub.ledger.RequestState;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;

/**
 * Chinese and English names of the shared enums as the emails and reports show them. Kept here rather than on the
 * enums because only people-facing output needs them, and the enums belong to other packages.
 */
public final class Labels {

    private Labels() {
    }

    public static String zh(RequestType type) {
        return switch (type) {
            case CASE_VERIFICATION -> "案件核实";
            case PARTY_STATEMENT -> "查找当事人制作笔录";
            case RECORD_CHECK -> "户籍前科协查";
        };
    }

    public static String en(RequestType type) {
        return switch (type) {
            case CASE_VERIFICATION -> "Case verification";
            case PARTY_STATEMENT -> "Locate a party and take a statement";
            case RECORD_CHECK -> "Household-registration and criminal-record check";
        };
    }

    public static String zh(Direction direction) {
        return switch (direction) {
            case OUTBOUND -> "我方发出";
            case INBOUND -> "外地来函";
        };
    }

    public static String en(Direction direction) {
        return switch (direction) {
            case OUTBOUND -> "Outbound";
            case INBOUND -> "Inbound";
        };
    }

    public static String zh(Priority priority) {
        return switch (priority) {
            case ROUTINE -> "普通";
            case URGENT -> "紧急";
        };
    }

    public static String en(Priority priority) {
        return switch (priority) {
            case ROUTINE -> "Routine";
            case URGENT -> "Urgent";
        };
    }

    public static String zh(RequestState state) {
        return switch (state) {
            case ACCEPTED -> "已受理";
            case RETRYING -> "重试发布中";
            case PUBLISHED -> "已发布";
            case REPLIED -> "已回复";
            case RECEIVED -> "已接收";
            case SIGNED -> "已签收";
            case ANSWERED -> "已答复待上传";
            case CLOSED -> "已办结";
        };
    }

    public static String en(RequestState state) {
        return switch (state) {
            case ACCEPTED -> "Accepted";
            case RETRYING -> "Retrying";
            case PUBLISHED -> "Published";
            case REPLIED -> "Replied";
            case RECEIVED -> "Received";
            case SIGNED -> "Signed for";
            case ANSWERED -> "Answered";
            case CLOSED -> "Closed";
        };
    }
}

package org.coophub.simulator;

import static org.coophub.simulator.PlatformCounterpart.JSON;
import static org.coophub.simulator.PlatformCounterpart.MAPPER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.coophub.privacy.IdNumbers;
import org.coophub.request.Priority;
import org.coophub.request.RequestType;
import org.coophub.request.Scope;
import org.coophub.routing.Provinces;
import org.coophub.simulator.PlatformCounterpart.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other regions sending requests to our bureau on a simulated platform, as {@code requests/<id>.json}: from
 * another province on the national platform, from our own province on the provincial one. Each is one that coophub's
 * intake rules accept, seen from the bureau that sends it.
 */
final class CounterpartRequests {

    private static final Logger log = LoggerFactory.getLogger(CounterpartRequests.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** Bureaus that send us requests, with the abbreviation their case numbers start with. */
    private static final List<Region> REGIONS = List.of(
            new Region("110101", "北京市公安局东城分局", "京东公"),
            new Region("110102", "北京市公安局西城分局", "京西公"),
            new Region("110105", "北京市公安局朝阳分局", "京朝公"),
            new Region("110108", "北京市公安局海淀分局", "京海公"),
            new Region("310101", "上海市公安局黄浦分局", "沪黄公"),
            new Region("310104", "上海市公安局徐汇分局", "沪徐公"),
            new Region("320102", "南京市公安局玄武分局", "宁玄公"),
            new Region("330106", "杭州市公安局西湖区分局", "杭西公"),
            new Region("420106", "武汉市公安局武昌区分局", "武昌公"),
            new Region("440104", "广州市公安局越秀区分局", "穗越公"),
            new Region("440305", "深圳市公安局南山分局", "深南公"),
            new Region("500103", "重庆市公安局渝中区分局", "渝中公"),
            new Region("510107", "成都市公安局武侯区分局", "成武公"));
    private static final List<String> NAMES = List.of("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
            "周杰", "吴婷");
    private static final List<String> ROOMS = List.of("刑侦支队", "预审一室", "预审二室", "经侦大队", "城关派出所");

    private final String ourRegion;
    private final Clock clock;

    CounterpartRequests(String ourRegion, Clock clock) {
        this.ourRegion = ourRegion;
        this.clock = clock;
    }

    /** Sends one request to our bureau now; returns its requestId. */
    String send(Side side) {
        synchronized (side) {
            Random random = side.random;
            OffsetDateTime now = PlatformCounterpart.now(clock);
            String id;
            do {
                id = "SIM-" + side.name.toUpperCase(Locale.ROOT) + "-" + ID_TIME.format(now) + "-"
                        + side.sent.incrementAndGet();
            } while (CounterpartReplies.presentOrTaken(side.requests, id));

            Region from = from(side.scope, random);
            RequestType type = RequestType.values()[random.nextInt(RequestType.values().length)];
            Priority priority = random.nextInt(5) == 0 ? Priority.URGENT : Priority.ROUTINE;
            String idNumber = idNumber(ourRegion, random);

            ObjectNode request = MAPPER.createObjectNode();
            request.put("requestId", id);
            request.put("type", type.name());
            request.put("priority", priority.name());
            request.put("requestingRoom", ROOMS.get(random.nextInt(ROOMS.size())));
            request.put("targetRegion", ourRegion);
            request.put("scope", side.scope.name());
            request.put("caseNumber", String.format("%s(刑)字[%d]%04d号", from.abbreviation, now.getYear(),
                    1 + random.nextInt(9999)));
            ObjectNode subject = request.putArray("subjects").addObject();
            subject.put("name", NAMES.get(random.nextInt(NAMES.size())));
            subject.put("idNumber", idNumber);
            request.put("details", details(type));
            request.put("createdAt", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            request.put("fromRegion", from.code);
            ObjectNode unit = request.putObject("fromUnit");
            unit.put("code", from.code + "000000");
            unit.put("name", from.unit);
            try {
                Files.createDirectories(side.requests);
                SimulatorFiles.writeAtomically(side.requests.resolve(id + JSON), MAPPER.writeValueAsBytes(request));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.info("Platform counterpart '{}': {} sent {} request {} about {} as {}/{}", side.name, from.code,
                    type, id, IdNumbers.mask(idNumber), side.requests.getFileName(), id + JSON);
            return id;
        }
    }

    /** Another province for the national platform, our own province (but not our region) for the provincial one. */
    private Region from(Scope scope, Random random) {
        String ownProvince = ourRegion.substring(0, 2);
        List<Region> candidates = REGIONS.stream()
                .filter(r -> (scope == Scope.PROVINCIAL) == r.code.startsWith(ownProvince))
                .filter(r -> !r.code.equals(ourRegion))
                .toList();
        if (!candidates.isEmpty()) {
            return candidates.get(random.nextInt(candidates.size()));
        }
        // a province we have no bureau for: its capital's prefecture-level code (or the province itself)
        String code = (ownProvince + "0100").equals(ourRegion) ? ownProvince + "0000" : ownProvince + "0100";
        return new Region(code, Provinces.name(ownProvince) + " simulated bureau", "SIM");
    }

    /** A valid GB 11643 number of someone born in the region between 1960 and 2002. */
    static String idNumber(String region, Random random) {
        String first17 = String.format("%s%04d%02d%02d%03d", region, 1960 + random.nextInt(43), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        return first17 + IdNumbers.checkCharacter(first17);
    }

    private static String details(RequestType type) {
        return switch (type) {
            case CASE_VERIFICATION -> "请协助核实该案件当事人的有关情况。Please verify the case facts concerning this person.";
            case PARTY_STATEMENT -> "请协助查找当事人并制作询问笔录。Please locate the party and take a statement.";
            case RECORD_CHECK -> "请协助核查户籍信息及前科记录。Please check household registration and criminal record.";
        };
    }

    private record Region(String code, String unit, String abbreviation) {
    }
}

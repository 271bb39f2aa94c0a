--
-- PostgreSQL database dump
--

\restrict RSBLrGUONmShMsTmgkJ00hrk66wqmZYEih86979sqFThebdKJ0JhTylTadOy9nY

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: membership_manages(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.membership_manages() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ DECLARE manager bigint; BEGIN SELECT manager_id INTO manager FROM projects_project WHERE id = NEW.project_id FOR SHARE; NEW.manages := manager IS NOT DISTINCT FROM NEW.user_id; RETURN NEW; END $$;


--
-- Name: tally_changes_changerequest_del(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_changes_changerequest_del() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, change_requests) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_changes_changerequest_ins(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_changes_changerequest_ins() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, change_requests) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT n.*, 1 AS d FROM new_rows n) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_changes_changerequest_upd(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_changes_changerequest_upd() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, change_requests) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id UNION ALL SELECT n.*, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_manager_gone(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_manager_gone() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_managertally (manager_id, milestones, issues, change_requests, meetings, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5) SELECT o.manager_id, -SUM(t.milestones), -SUM(t.issues), -SUM(t.change_requests), -SUM(t.meetings), -SUM(t.risks_1_1), -SUM(t.risks_1_2), -SUM(t.risks_1_3), -SUM(t.risks_1_4), -SUM(t.risks_1_5), -SUM(t.risks_2_1), -SUM(t.risks_2_2), -SUM(t.risks_2_3), -SUM(t.risks_2_4), -SUM(t.risks_2_5), -SUM(t.risks_3_1), -SUM(t.risks_3_2), -SUM(t.risks_3_3), -SUM(t.risks_3_4), -SUM(t.risks_3_5), -SUM(t.risks_4_1), -SUM(t.risks_4_2), -SUM(t.risks_4_3), -SUM(t.risks_4_4), -SUM(t.risks_4_5), -SUM(t.risks_5_1), -SUM(t.risks_5_2), -SUM(t.risks_5_3), -SUM(t.risks_5_4), -SUM(t.risks_5_5) FROM old_rows o JOIN projects_tally t ON t.project_id = o.id GROUP BY o.manager_id; INSERT INTO projects_managertally (manager_id, projects) SELECT manager_id, -COUNT(*) FROM old_rows GROUP BY manager_id; RETURN NULL; END $$;


--
-- Name: tally_manager_moved(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_manager_moved() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.manager_id <> o.manager_id) THEN LOCK TABLE projects_tally IN SHARE MODE; INSERT INTO projects_managertally (manager_id, milestones, issues, change_requests, meetings, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5) SELECT m.manager_id, SUM(m.d * t.milestones), SUM(m.d * t.issues), SUM(m.d * t.change_requests), SUM(m.d * t.meetings), SUM(m.d * t.risks_1_1), SUM(m.d * t.risks_1_2), SUM(m.d * t.risks_1_3), SUM(m.d * t.risks_1_4), SUM(m.d * t.risks_1_5), SUM(m.d * t.risks_2_1), SUM(m.d * t.risks_2_2), SUM(m.d * t.risks_2_3), SUM(m.d * t.risks_2_4), SUM(m.d * t.risks_2_5), SUM(m.d * t.risks_3_1), SUM(m.d * t.risks_3_2), SUM(m.d * t.risks_3_3), SUM(m.d * t.risks_3_4), SUM(m.d * t.risks_3_5), SUM(m.d * t.risks_4_1), SUM(m.d * t.risks_4_2), SUM(m.d * t.risks_4_3), SUM(m.d * t.risks_4_4), SUM(m.d * t.risks_4_5), SUM(m.d * t.risks_5_1), SUM(m.d * t.risks_5_2), SUM(m.d * t.risks_5_3), SUM(m.d * t.risks_5_4), SUM(m.d * t.risks_5_5) FROM (SELECT o.id, o.manager_id, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.manager_id <> o.manager_id UNION ALL SELECT n.id, n.manager_id, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.manager_id <> o.manager_id) m JOIN projects_tally t ON t.project_id = m.id GROUP BY m.manager_id; INSERT INTO projects_managertally (manager_id, projects) SELECT m.manager_id, SUM(m.d) FROM (SELECT o.id, o.manager_id, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.manager_id <> o.manager_id UNION ALL SELECT n.id, n.manager_id, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.manager_id <> o.manager_id) m GROUP BY m.manager_id; UPDATE projects_membership s SET manages = (s.user_id = n.manager_id) FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.manager_id <> o.manager_id AND s.project_id = n.id; END IF; RETURN NULL; END $$;


--
-- Name: tally_manager_new(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_manager_new() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_managertally (manager_id, projects) SELECT manager_id, COUNT(*) FROM new_rows GROUP BY manager_id; RETURN NULL; END $$;


--
-- Name: tally_milestones_milestone_del(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_milestones_milestone_del() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, milestones) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_milestones_milestone_ins(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_milestones_milestone_ins() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, milestones) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT n.*, 1 AS d FROM new_rows n) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_milestones_milestone_upd(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_milestones_milestone_upd() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, milestones) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id UNION ALL SELECT n.*, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_reviews_meeting_del(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_reviews_meeting_del() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, meetings) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_reviews_meeting_ins(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_reviews_meeting_ins() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, meetings) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT n.*, 1 AS d FROM new_rows n) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_reviews_meeting_upd(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_reviews_meeting_upd() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, meetings) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id UNION ALL SELECT n.*, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_risks_issue_del(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_risks_issue_del() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, issues) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_risks_issue_ins(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_risks_issue_ins() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, issues) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT n.*, 1 AS d FROM new_rows n) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_risks_issue_upd(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_risks_issue_upd() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, issues) SELECT s.project_id, SUM(CASE WHEN TRUE THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id UNION ALL SELECT n.*, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_risks_risk_del(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_risks_risk_del() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5) SELECT s.project_id, SUM(CASE WHEN s.probability = 1 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 5 THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_risks_risk_ins(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_risks_risk_ins() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5) SELECT s.project_id, SUM(CASE WHEN s.probability = 1 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 5 THEN s.d ELSE 0 END) FROM (SELECT n.*, 1 AS d FROM new_rows n) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_risks_risk_upd(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_risks_risk_upd() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_tally (project_id, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5) SELECT s.project_id, SUM(CASE WHEN s.probability = 1 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 1 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 2 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 3 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 4 AND s.impact = 5 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 1 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 2 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 3 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 4 THEN s.d ELSE 0 END), SUM(CASE WHEN s.probability = 5 AND s.impact = 5 THEN s.d ELSE 0 END) FROM (SELECT o.*, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id OR o.probability IS DISTINCT FROM n.probability OR o.impact IS DISTINCT FROM n.impact UNION ALL SELECT n.*, 1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.project_id IS DISTINCT FROM n.project_id OR o.probability IS DISTINCT FROM n.probability OR o.impact IS DISTINCT FROM n.impact) s GROUP BY s.project_id; RETURN NULL; END $$;


--
-- Name: tally_rollup(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tally_rollup() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO projects_managertally (manager_id, milestones, issues, change_requests, meetings, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5) SELECT p.manager_id, SUM(n.milestones), SUM(n.issues), SUM(n.change_requests), SUM(n.meetings), SUM(n.risks_1_1), SUM(n.risks_1_2), SUM(n.risks_1_3), SUM(n.risks_1_4), SUM(n.risks_1_5), SUM(n.risks_2_1), SUM(n.risks_2_2), SUM(n.risks_2_3), SUM(n.risks_2_4), SUM(n.risks_2_5), SUM(n.risks_3_1), SUM(n.risks_3_2), SUM(n.risks_3_3), SUM(n.risks_3_4), SUM(n.risks_3_5), SUM(n.risks_4_1), SUM(n.risks_4_2), SUM(n.risks_4_3), SUM(n.risks_4_4), SUM(n.risks_4_5), SUM(n.risks_5_1), SUM(n.risks_5_2), SUM(n.risks_5_3), SUM(n.risks_5_4), SUM(n.risks_5_5) FROM new_rows n JOIN projects_project p ON p.id = n.project_id WHERE NOT n.folded GROUP BY p.manager_id; RETURN NULL; END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: accounts_department; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_department (
    id bigint NOT NULL,
    name character varying(200) NOT NULL,
    code character varying(40) NOT NULL,
    head_id bigint,
    parent_id bigint
);


--
-- Name: accounts_department_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_department ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_department_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accounts_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_user (
    id bigint NOT NULL,
    password character varying(128) NOT NULL,
    last_login timestamp with time zone,
    is_superuser boolean NOT NULL,
    username character varying(150) NOT NULL,
    first_name character varying(150) NOT NULL,
    last_name character varying(150) NOT NULL,
    email character varying(254) NOT NULL,
    is_staff boolean NOT NULL,
    is_active boolean NOT NULL,
    date_joined timestamp with time zone NOT NULL,
    department_id bigint
);


--
-- Name: accounts_user_groups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_user_groups (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    group_id integer NOT NULL
);


--
-- Name: accounts_user_groups_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_user_groups ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_user_groups_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accounts_user_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_user ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accounts_user_user_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_user_user_permissions (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    permission_id integer NOT NULL
);


--
-- Name: accounts_user_user_permissions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_user_user_permissions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_user_user_permissions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: auth_group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_group (
    id integer NOT NULL,
    name character varying(150) NOT NULL
);


--
-- Name: auth_group_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.auth_group ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.auth_group_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: auth_group_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_group_permissions (
    id bigint NOT NULL,
    group_id integer NOT NULL,
    permission_id integer NOT NULL
);


--
-- Name: auth_group_permissions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.auth_group_permissions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.auth_group_permissions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: auth_permission; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_permission (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    content_type_id integer NOT NULL,
    codename character varying(100) NOT NULL
);


--
-- Name: auth_permission_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.auth_permission ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.auth_permission_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: authtoken_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.authtoken_token (
    key character varying(40) NOT NULL,
    created timestamp with time zone NOT NULL,
    user_id bigint NOT NULL
);


--
-- Name: changes_changerequest; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes_changerequest (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    kind character varying(10) NOT NULL,
    status character varying(12) NOT NULL,
    submitted_on date,
    decided_on date,
    decision_note text NOT NULL,
    implemented_on date,
    impact_days integer NOT NULL,
    impact_cost numeric(14,2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    decided_by_id bigint,
    project_id bigint NOT NULL,
    requested_by_id bigint NOT NULL,
    CONSTRAINT changes_changerequest_version_check CHECK ((version >= 0))
);


--
-- Name: changes_changerequest_affected_requirements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes_changerequest_affected_requirements (
    id bigint NOT NULL,
    changerequest_id bigint NOT NULL,
    requirement_id bigint NOT NULL
);


--
-- Name: changes_changerequest_affected_requirements_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.changes_changerequest_affected_requirements ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.changes_changerequest_affected_requirements_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: changes_changerequest_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.changes_changerequest ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.changes_changerequest_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: changes_historicalchangerequest; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes_historicalchangerequest (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    kind character varying(10) NOT NULL,
    status character varying(12) NOT NULL,
    submitted_on date,
    decided_on date,
    decision_note text NOT NULL,
    implemented_on date,
    impact_days integer NOT NULL,
    impact_cost numeric(14,2) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    decided_by_id bigint,
    history_user_id bigint,
    project_id bigint,
    requested_by_id bigint,
    CONSTRAINT changes_historicalchangerequest_version_check CHECK ((version >= 0))
);


--
-- Name: changes_historicalchangerequest_affected_requirements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes_historicalchangerequest_affected_requirements (
    id bigint NOT NULL,
    m2m_history_id integer NOT NULL,
    changerequest_id bigint,
    history_id integer NOT NULL,
    requirement_id bigint
);


--
-- Name: changes_historicalchangerequest_affected_req_m2m_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.changes_historicalchangerequest_affected_requirements ALTER COLUMN m2m_history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.changes_historicalchangerequest_affected_req_m2m_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: changes_historicalchangerequest_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.changes_historicalchangerequest ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.changes_historicalchangerequest_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: changes_historicalmilestonechange; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes_historicalmilestonechange (
    id bigint NOT NULL,
    new_planned_date date NOT NULL,
    old_planned_date date,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    change_request_id bigint,
    history_user_id bigint,
    milestone_id bigint
);


--
-- Name: changes_historicalmilestonechange_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.changes_historicalmilestonechange ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.changes_historicalmilestonechange_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: changes_milestonechange; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.changes_milestonechange (
    id bigint NOT NULL,
    new_planned_date date NOT NULL,
    old_planned_date date,
    change_request_id bigint NOT NULL,
    milestone_id bigint NOT NULL
);


--
-- Name: changes_milestonechange_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.changes_milestonechange ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.changes_milestonechange_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_admin_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_admin_log (
    id integer NOT NULL,
    action_time timestamp with time zone NOT NULL,
    object_id text,
    object_repr character varying(200) NOT NULL,
    action_flag smallint NOT NULL,
    change_message text NOT NULL,
    content_type_id integer,
    user_id bigint NOT NULL,
    CONSTRAINT django_admin_log_action_flag_check CHECK ((action_flag >= 0))
);


--
-- Name: django_admin_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_admin_log ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_admin_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_celery_beat_clockedschedule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_celery_beat_clockedschedule (
    id integer NOT NULL,
    clocked_time timestamp with time zone NOT NULL
);


--
-- Name: django_celery_beat_clockedschedule_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_celery_beat_clockedschedule ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_celery_beat_clockedschedule_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_celery_beat_crontabschedule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_celery_beat_crontabschedule (
    id integer NOT NULL,
    minute character varying(240) NOT NULL,
    hour character varying(96) NOT NULL,
    day_of_week character varying(64) NOT NULL,
    day_of_month character varying(124) NOT NULL,
    month_of_year character varying(64) NOT NULL,
    timezone character varying(63) NOT NULL
);


--
-- Name: django_celery_beat_crontabschedule_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_celery_beat_crontabschedule ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_celery_beat_crontabschedule_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_celery_beat_intervalschedule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_celery_beat_intervalschedule (
    id integer NOT NULL,
    every integer NOT NULL,
    period character varying(24) NOT NULL
);


--
-- Name: django_celery_beat_intervalschedule_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_celery_beat_intervalschedule ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_celery_beat_intervalschedule_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_celery_beat_periodictask; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_celery_beat_periodictask (
    id integer NOT NULL,
    name character varying(200) NOT NULL,
    task character varying(200) NOT NULL,
    args text NOT NULL,
    kwargs text NOT NULL,
    queue character varying(200),
    exchange character varying(200),
    routing_key character varying(200),
    expires timestamp with time zone,
    enabled boolean NOT NULL,
    last_run_at timestamp with time zone,
    total_run_count integer NOT NULL,
    date_changed timestamp with time zone NOT NULL,
    description text NOT NULL,
    crontab_id integer,
    interval_id integer,
    solar_id integer,
    one_off boolean NOT NULL,
    start_time timestamp with time zone,
    priority integer,
    headers text NOT NULL,
    clocked_id integer,
    expire_seconds integer,
    CONSTRAINT django_celery_beat_periodictask_expire_seconds_check CHECK ((expire_seconds >= 0)),
    CONSTRAINT django_celery_beat_periodictask_priority_check CHECK ((priority >= 0)),
    CONSTRAINT django_celery_beat_periodictask_total_run_count_check CHECK ((total_run_count >= 0))
);


--
-- Name: django_celery_beat_periodictask_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_celery_beat_periodictask ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_celery_beat_periodictask_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_celery_beat_periodictasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_celery_beat_periodictasks (
    ident smallint NOT NULL,
    last_update timestamp with time zone NOT NULL
);


--
-- Name: django_celery_beat_solarschedule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_celery_beat_solarschedule (
    id integer NOT NULL,
    event character varying(24) NOT NULL,
    latitude numeric(9,6) NOT NULL,
    longitude numeric(9,6) NOT NULL
);


--
-- Name: django_celery_beat_solarschedule_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_celery_beat_solarschedule ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_celery_beat_solarschedule_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_content_type; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_content_type (
    id integer NOT NULL,
    app_label character varying(100) NOT NULL,
    model character varying(100) NOT NULL
);


--
-- Name: django_content_type_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_content_type ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_content_type_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_migrations (
    id bigint NOT NULL,
    app character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    applied timestamp with time zone NOT NULL
);


--
-- Name: django_migrations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_migrations ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_migrations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_session (
    session_key character varying(40) NOT NULL,
    session_data text NOT NULL,
    expire_date timestamp with time zone NOT NULL
);


--
-- Name: kpis_kpidefinition; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpis_kpidefinition (
    id bigint NOT NULL,
    code character varying(40) NOT NULL,
    label character varying(200) NOT NULL,
    unit character varying(10) NOT NULL,
    direction character varying(10) NOT NULL,
    target numeric(12,4) NOT NULL,
    description text NOT NULL
);


--
-- Name: kpis_kpidefinition_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.kpis_kpidefinition ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.kpis_kpidefinition_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: kpis_kpirun; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpis_kpirun (
    id bigint NOT NULL,
    as_of date NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    rows integer NOT NULL,
    CONSTRAINT kpis_kpirun_rows_check CHECK ((rows >= 0))
);


--
-- Name: kpis_kpirun_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.kpis_kpirun ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.kpis_kpirun_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: kpis_kpisnapshot; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpis_kpisnapshot (
    id bigint NOT NULL,
    scope_type character varying(20) NOT NULL,
    scope_id bigint,
    scope_key bigint NOT NULL,
    as_of date NOT NULL,
    numerator numeric(30,10) NOT NULL,
    denominator numeric(30,10) NOT NULL,
    value numeric(30,10),
    target numeric(12,4) NOT NULL,
    status character varying(10) NOT NULL,
    computed_at timestamp with time zone NOT NULL,
    kpi_id bigint NOT NULL,
    CONSTRAINT kpi_snapshot_scope_key_matches_id CHECK ((scope_key = COALESCE(scope_id, (0)::bigint)))
);


--
-- Name: kpis_kpisnapshot_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.kpis_kpisnapshot ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.kpis_kpisnapshot_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: kpis_kpitarget; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kpis_kpitarget (
    id bigint NOT NULL,
    target numeric(12,4) NOT NULL,
    department_id bigint NOT NULL,
    kpi_id bigint NOT NULL
);


--
-- Name: kpis_kpitarget_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.kpis_kpitarget ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.kpis_kpitarget_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: milestones_historicalmilestone; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.milestones_historicalmilestone (
    id bigint NOT NULL,
    version integer NOT NULL,
    name character varying(200) NOT NULL,
    planned_date date NOT NULL,
    forecast_date date,
    completed_on date,
    deliverables text NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    phase_id bigint,
    project_id bigint,
    CONSTRAINT milestones_historicalmilestone_version_check CHECK ((version >= 0))
);


--
-- Name: milestones_historicalmilestone_depends_on; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.milestones_historicalmilestone_depends_on (
    id bigint NOT NULL,
    m2m_history_id integer NOT NULL,
    history_id integer NOT NULL,
    from_milestone_id bigint,
    to_milestone_id bigint
);


--
-- Name: milestones_historicalmilestone_depends_on_m2m_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.milestones_historicalmilestone_depends_on ALTER COLUMN m2m_history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.milestones_historicalmilestone_depends_on_m2m_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: milestones_historicalmilestone_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.milestones_historicalmilestone ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.milestones_historicalmilestone_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: milestones_milestone; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.milestones_milestone (
    id bigint NOT NULL,
    version integer NOT NULL,
    name character varying(200) NOT NULL,
    planned_date date NOT NULL,
    forecast_date date,
    completed_on date,
    deliverables text NOT NULL,
    phase_id bigint,
    project_id bigint NOT NULL,
    CONSTRAINT milestones_milestone_version_check CHECK ((version >= 0))
);


--
-- Name: milestones_milestone_depends_on; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.milestones_milestone_depends_on (
    id bigint NOT NULL,
    from_milestone_id bigint NOT NULL,
    to_milestone_id bigint NOT NULL
);


--
-- Name: milestones_milestone_depends_on_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.milestones_milestone_depends_on ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.milestones_milestone_depends_on_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: milestones_milestone_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.milestones_milestone ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.milestones_milestone_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_costentry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_costentry (
    id bigint NOT NULL,
    version integer NOT NULL,
    date date NOT NULL,
    amount numeric(14,2) NOT NULL,
    category character varying(20) NOT NULL,
    note character varying(500) NOT NULL,
    project_id bigint NOT NULL,
    CONSTRAINT cost_entry_amount_positive CHECK ((amount > (0)::numeric)),
    CONSTRAINT projects_costentry_version_check CHECK ((version >= 0))
);


--
-- Name: projects_costentry_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_costentry ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_costentry_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_document; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_document (
    id bigint NOT NULL,
    version integer NOT NULL,
    kind character varying(30) NOT NULL,
    title character varying(200) NOT NULL,
    due_date date,
    submitted_on date,
    review_status character varying(10) NOT NULL,
    file character varying(100) NOT NULL,
    url character varying(500) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    project_id bigint NOT NULL,
    CONSTRAINT projects_document_version_check CHECK ((version >= 0))
);


--
-- Name: projects_document_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_document ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_document_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_historicalcostentry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_historicalcostentry (
    id bigint NOT NULL,
    version integer NOT NULL,
    date date NOT NULL,
    amount numeric(14,2) NOT NULL,
    category character varying(20) NOT NULL,
    note character varying(500) NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    project_id bigint,
    CONSTRAINT projects_historicalcostentry_version_check CHECK ((version >= 0))
);


--
-- Name: projects_historicalcostentry_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_historicalcostentry ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_historicalcostentry_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_historicaldocument; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_historicaldocument (
    id bigint NOT NULL,
    version integer NOT NULL,
    kind character varying(30) NOT NULL,
    title character varying(200) NOT NULL,
    due_date date,
    submitted_on date,
    review_status character varying(10) NOT NULL,
    file text NOT NULL,
    url character varying(500) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    project_id bigint,
    CONSTRAINT projects_historicaldocument_version_check CHECK ((version >= 0))
);


--
-- Name: projects_historicaldocument_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_historicaldocument ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_historicaldocument_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_historicalmembership; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_historicalmembership (
    id bigint NOT NULL,
    role character varying(20) NOT NULL,
    allocation_percent smallint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    user_id bigint,
    project_id bigint,
    CONSTRAINT projects_historicalmembership_allocation_percent_check CHECK ((allocation_percent >= 0))
);


--
-- Name: projects_historicalmembership_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_historicalmembership ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_historicalmembership_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_historicalproject; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_historicalproject (
    id bigint NOT NULL,
    version integer NOT NULL,
    code character varying(20) NOT NULL,
    name character varying(200) NOT NULL,
    customer character varying(200) NOT NULL,
    status character varying(20) NOT NULL,
    start_date date NOT NULL,
    target_date date NOT NULL,
    objectives text NOT NULL,
    scope text NOT NULL,
    budget numeric(14,2) NOT NULL,
    baselined_on date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    department_id bigint,
    history_user_id bigint,
    manager_id bigint,
    CONSTRAINT projects_historicalproject_version_check CHECK ((version >= 0))
);


--
-- Name: projects_historicalproject_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_historicalproject ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_historicalproject_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_historicalrequirement; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_historicalrequirement (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    acceptance_criteria text NOT NULL,
    priority character varying(10) NOT NULL,
    status character varying(10) NOT NULL,
    due_date date,
    created_at timestamp with time zone NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    project_id bigint,
    CONSTRAINT projects_historicalrequirement_version_check CHECK ((version >= 0))
);


--
-- Name: projects_historicalrequirement_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_historicalrequirement ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_historicalrequirement_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_managertally; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_managertally (
    id bigint NOT NULL,
    projects integer DEFAULT 0 NOT NULL,
    milestones integer DEFAULT 0 NOT NULL,
    issues integer DEFAULT 0 NOT NULL,
    change_requests integer DEFAULT 0 NOT NULL,
    meetings integer DEFAULT 0 NOT NULL,
    risks_1_1 integer DEFAULT 0 NOT NULL,
    risks_1_2 integer DEFAULT 0 NOT NULL,
    risks_1_3 integer DEFAULT 0 NOT NULL,
    risks_1_4 integer DEFAULT 0 NOT NULL,
    risks_1_5 integer DEFAULT 0 NOT NULL,
    risks_2_1 integer DEFAULT 0 NOT NULL,
    risks_2_2 integer DEFAULT 0 NOT NULL,
    risks_2_3 integer DEFAULT 0 NOT NULL,
    risks_2_4 integer DEFAULT 0 NOT NULL,
    risks_2_5 integer DEFAULT 0 NOT NULL,
    risks_3_1 integer DEFAULT 0 NOT NULL,
    risks_3_2 integer DEFAULT 0 NOT NULL,
    risks_3_3 integer DEFAULT 0 NOT NULL,
    risks_3_4 integer DEFAULT 0 NOT NULL,
    risks_3_5 integer DEFAULT 0 NOT NULL,
    risks_4_1 integer DEFAULT 0 NOT NULL,
    risks_4_2 integer DEFAULT 0 NOT NULL,
    risks_4_3 integer DEFAULT 0 NOT NULL,
    risks_4_4 integer DEFAULT 0 NOT NULL,
    risks_4_5 integer DEFAULT 0 NOT NULL,
    risks_5_1 integer DEFAULT 0 NOT NULL,
    risks_5_2 integer DEFAULT 0 NOT NULL,
    risks_5_3 integer DEFAULT 0 NOT NULL,
    risks_5_4 integer DEFAULT 0 NOT NULL,
    risks_5_5 integer DEFAULT 0 NOT NULL,
    manager_id bigint NOT NULL
);


--
-- Name: projects_managertally_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_managertally ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_managertally_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_membership; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_membership (
    id bigint NOT NULL,
    role character varying(20) NOT NULL,
    allocation_percent smallint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    user_id bigint NOT NULL,
    project_id bigint NOT NULL,
    manages boolean DEFAULT false NOT NULL,
    CONSTRAINT membership_allocation_0_100 CHECK (((allocation_percent >= 0) AND (allocation_percent <= 100))),
    CONSTRAINT projects_membership_allocation_percent_check CHECK ((allocation_percent >= 0))
);


--
-- Name: projects_membership_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_membership ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_membership_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_phase; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_phase (
    id bigint NOT NULL,
    name character varying(200) NOT NULL,
    "order" smallint NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    objectives text NOT NULL,
    project_id bigint NOT NULL,
    CONSTRAINT phase_end_after_start CHECK ((end_date >= start_date)),
    CONSTRAINT projects_phase_order_check CHECK (("order" >= 0))
);


--
-- Name: projects_phase_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_phase ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_phase_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_project; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_project (
    id bigint NOT NULL,
    version integer NOT NULL,
    code character varying(20) NOT NULL,
    name character varying(200) NOT NULL,
    customer character varying(200) NOT NULL,
    status character varying(20) NOT NULL,
    start_date date NOT NULL,
    target_date date NOT NULL,
    objectives text NOT NULL,
    scope text NOT NULL,
    budget numeric(14,2) NOT NULL,
    baselined_on date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    department_id bigint,
    manager_id bigint NOT NULL,
    CONSTRAINT project_budget_not_negative CHECK ((budget >= (0)::numeric)),
    CONSTRAINT project_target_after_start CHECK ((target_date >= start_date)),
    CONSTRAINT projects_project_version_check CHECK ((version >= 0))
);


--
-- Name: projects_project_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_project ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_project_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_requirement; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_requirement (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    acceptance_criteria text NOT NULL,
    priority character varying(10) NOT NULL,
    status character varying(10) NOT NULL,
    due_date date,
    created_at timestamp with time zone NOT NULL,
    project_id bigint NOT NULL,
    CONSTRAINT projects_requirement_version_check CHECK ((version >= 0))
);


--
-- Name: projects_requirement_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_requirement ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_requirement_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: projects_tally; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects_tally (
    id bigint NOT NULL,
    milestones integer DEFAULT 0 NOT NULL,
    issues integer DEFAULT 0 NOT NULL,
    change_requests integer DEFAULT 0 NOT NULL,
    meetings integer DEFAULT 0 NOT NULL,
    risks_1_1 integer DEFAULT 0 NOT NULL,
    risks_1_2 integer DEFAULT 0 NOT NULL,
    risks_1_3 integer DEFAULT 0 NOT NULL,
    risks_1_4 integer DEFAULT 0 NOT NULL,
    risks_1_5 integer DEFAULT 0 NOT NULL,
    risks_2_1 integer DEFAULT 0 NOT NULL,
    risks_2_2 integer DEFAULT 0 NOT NULL,
    risks_2_3 integer DEFAULT 0 NOT NULL,
    risks_2_4 integer DEFAULT 0 NOT NULL,
    risks_2_5 integer DEFAULT 0 NOT NULL,
    risks_3_1 integer DEFAULT 0 NOT NULL,
    risks_3_2 integer DEFAULT 0 NOT NULL,
    risks_3_3 integer DEFAULT 0 NOT NULL,
    risks_3_4 integer DEFAULT 0 NOT NULL,
    risks_3_5 integer DEFAULT 0 NOT NULL,
    risks_4_1 integer DEFAULT 0 NOT NULL,
    risks_4_2 integer DEFAULT 0 NOT NULL,
    risks_4_3 integer DEFAULT 0 NOT NULL,
    risks_4_4 integer DEFAULT 0 NOT NULL,
    risks_4_5 integer DEFAULT 0 NOT NULL,
    risks_5_1 integer DEFAULT 0 NOT NULL,
    risks_5_2 integer DEFAULT 0 NOT NULL,
    risks_5_3 integer DEFAULT 0 NOT NULL,
    risks_5_4 integer DEFAULT 0 NOT NULL,
    risks_5_5 integer DEFAULT 0 NOT NULL,
    project_id bigint NOT NULL,
    folded boolean DEFAULT false NOT NULL
);


--
-- Name: projects_tally_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.projects_tally ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.projects_tally_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_actionitem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_actionitem (
    id bigint NOT NULL,
    version integer NOT NULL,
    kind character varying(20) NOT NULL,
    description text NOT NULL,
    due_date date NOT NULL,
    completed_on date,
    last_reminded_on date,
    owner_id bigint,
    meeting_id bigint NOT NULL,
    CONSTRAINT reviews_actionitem_version_check CHECK ((version >= 0))
);


--
-- Name: reviews_actionitem_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_actionitem ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_actionitem_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_agendaitem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_agendaitem (
    id bigint NOT NULL,
    "order" smallint NOT NULL,
    title character varying(200) NOT NULL,
    notes text NOT NULL,
    meeting_id bigint NOT NULL,
    CONSTRAINT reviews_agendaitem_order_check CHECK (("order" >= 0))
);


--
-- Name: reviews_agendaitem_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_agendaitem ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_agendaitem_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_customersatisfaction; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_customersatisfaction (
    id bigint NOT NULL,
    score smallint NOT NULL,
    responded_on date NOT NULL,
    comment text NOT NULL,
    source character varying(10) NOT NULL,
    respondent character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    logged_by_id bigint,
    project_id bigint NOT NULL,
    CONSTRAINT customer_satisfaction_0_100 CHECK (((score >= 0) AND (score <= 100))),
    CONSTRAINT reviews_customersatisfaction_score_check CHECK ((score >= 0))
);


--
-- Name: reviews_customersatisfaction_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_customersatisfaction ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_customersatisfaction_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_decision; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_decision (
    id bigint NOT NULL,
    description text NOT NULL,
    meeting_id bigint NOT NULL
);


--
-- Name: reviews_decision_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_decision ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_decision_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_historicalactionitem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_historicalactionitem (
    id bigint NOT NULL,
    version integer NOT NULL,
    kind character varying(20) NOT NULL,
    description text NOT NULL,
    due_date date NOT NULL,
    completed_on date,
    last_reminded_on date,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    owner_id bigint,
    meeting_id bigint,
    CONSTRAINT reviews_historicalactionitem_version_check CHECK ((version >= 0))
);


--
-- Name: reviews_historicalactionitem_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_historicalactionitem ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_historicalactionitem_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_historicalmeeting; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_historicalmeeting (
    id bigint NOT NULL,
    version integer NOT NULL,
    kind character varying(20) NOT NULL,
    title character varying(200) NOT NULL,
    held_on date NOT NULL,
    guests text NOT NULL,
    minutes text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    created_by_id bigint,
    history_user_id bigint,
    project_id bigint,
    CONSTRAINT reviews_historicalmeeting_version_check CHECK ((version >= 0))
);


--
-- Name: reviews_historicalmeeting_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_historicalmeeting ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_historicalmeeting_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_meeting; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_meeting (
    id bigint NOT NULL,
    version integer NOT NULL,
    kind character varying(20) NOT NULL,
    title character varying(200) NOT NULL,
    held_on date NOT NULL,
    guests text NOT NULL,
    minutes text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by_id bigint,
    project_id bigint NOT NULL,
    CONSTRAINT reviews_meeting_version_check CHECK ((version >= 0))
);


--
-- Name: reviews_meeting_attendees; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_meeting_attendees (
    id bigint NOT NULL,
    meeting_id bigint NOT NULL,
    user_id bigint NOT NULL
);


--
-- Name: reviews_meeting_attendees_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_meeting_attendees ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_meeting_attendees_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_meeting_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_meeting ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_meeting_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_meetingfeedback; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_meetingfeedback (
    id bigint NOT NULL,
    rating smallint NOT NULL,
    comment text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    attendee_id bigint NOT NULL,
    meeting_id bigint NOT NULL,
    CONSTRAINT meeting_feedback_rating_1_5 CHECK (((rating >= 1) AND (rating <= 5))),
    CONSTRAINT reviews_meetingfeedback_rating_check CHECK ((rating >= 0))
);


--
-- Name: reviews_meetingfeedback_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_meetingfeedback ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_meetingfeedback_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_surveyinvitation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_surveyinvitation (
    id bigint NOT NULL,
    email character varying(254) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by_id bigint,
    project_id bigint NOT NULL,
    response_id bigint
);


--
-- Name: reviews_surveyinvitation_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_surveyinvitation ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_surveyinvitation_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: reviews_teamcommunication; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews_teamcommunication (
    id bigint NOT NULL,
    rating smallint NOT NULL,
    responded_on date NOT NULL,
    period date NOT NULL,
    project_id bigint NOT NULL,
    rater_id bigint NOT NULL,
    CONSTRAINT reviews_teamcommunication_rating_check CHECK ((rating >= 0)),
    CONSTRAINT team_communication_1_5 CHECK (((rating >= 1) AND (rating <= 5)))
);


--
-- Name: reviews_teamcommunication_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reviews_teamcommunication ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.reviews_teamcommunication_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: risks_historicalissue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.risks_historicalissue (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    severity character varying(10) NOT NULL,
    reported_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    resolution text NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    owner_id bigint,
    project_id bigint,
    reported_by_id bigint,
    CONSTRAINT risks_historicalissue_version_check CHECK ((version >= 0))
);


--
-- Name: risks_historicalissue_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.risks_historicalissue ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.risks_historicalissue_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: risks_historicalrisk; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.risks_historicalrisk (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    category character varying(20) NOT NULL,
    probability smallint NOT NULL,
    impact smallint NOT NULL,
    score smallint GENERATED ALWAYS AS ((probability * impact)) STORED,
    strategy character varying(10) NOT NULL,
    status character varying(10) NOT NULL,
    identified_on date NOT NULL,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    owner_id bigint,
    project_id bigint,
    CONSTRAINT risks_historicalrisk_impact_check CHECK ((impact >= 0)),
    CONSTRAINT risks_historicalrisk_probability_check CHECK ((probability >= 0)),
    CONSTRAINT risks_historicalrisk_version_check CHECK ((version >= 0))
);


--
-- Name: risks_historicalrisk_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.risks_historicalrisk ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.risks_historicalrisk_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: risks_historicalriskresponse; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.risks_historicalriskresponse (
    id bigint NOT NULL,
    version integer NOT NULL,
    description text NOT NULL,
    due_date date NOT NULL,
    completed_on date,
    history_id integer NOT NULL,
    history_date timestamp with time zone NOT NULL,
    history_change_reason character varying(100),
    history_type character varying(1) NOT NULL,
    history_user_id bigint,
    owner_id bigint,
    risk_id bigint,
    CONSTRAINT risks_historicalriskresponse_version_check CHECK ((version >= 0))
);


--
-- Name: risks_historicalriskresponse_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.risks_historicalriskresponse ALTER COLUMN history_id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.risks_historicalriskresponse_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: risks_issue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.risks_issue (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    severity character varying(10) NOT NULL,
    reported_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    resolution text NOT NULL,
    owner_id bigint,
    project_id bigint NOT NULL,
    reported_by_id bigint,
    CONSTRAINT issue_resolution_required CHECK (((resolved_at IS NULL) OR (NOT (resolution = ''::text)))),
    CONSTRAINT issue_resolved_after_reported CHECK (((resolved_at IS NULL) OR (resolved_at >= reported_at))),
    CONSTRAINT risks_issue_version_check CHECK ((version >= 0))
);


--
-- Name: risks_issue_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.risks_issue ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.risks_issue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: risks_risk; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.risks_risk (
    id bigint NOT NULL,
    version integer NOT NULL,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    category character varying(20) NOT NULL,
    probability smallint NOT NULL,
    impact smallint NOT NULL,
    score smallint GENERATED ALWAYS AS ((probability * impact)) STORED,
    strategy character varying(10) NOT NULL,
    status character varying(10) NOT NULL,
    identified_on date NOT NULL,
    owner_id bigint,
    project_id bigint NOT NULL,
    CONSTRAINT risk_impact_1_5 CHECK (((impact >= 1) AND (impact <= 5))),
    CONSTRAINT risk_probability_1_5 CHECK (((probability >= 1) AND (probability <= 5))),
    CONSTRAINT risks_risk_impact_check CHECK ((impact >= 0)),
    CONSTRAINT risks_risk_probability_check CHECK ((probability >= 0)),
    CONSTRAINT risks_risk_version_check CHECK ((version >= 0))
);


--
-- Name: risks_risk_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.risks_risk ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.risks_risk_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: risks_riskresponse; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.risks_riskresponse (
    id bigint NOT NULL,
    version integer NOT NULL,
    description text NOT NULL,
    due_date date NOT NULL,
    completed_on date,
    owner_id bigint,
    risk_id bigint NOT NULL,
    CONSTRAINT risks_riskresponse_version_check CHECK ((version >= 0))
);


--
-- Name: risks_riskresponse_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.risks_riskresponse ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.risks_riskresponse_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Data for Name: accounts_department; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.accounts_department (id, name, code, head_id, parent_id) FROM stdin;
1	Platform	platform	\N	\N
\.


--
-- Data for Name: accounts_user; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.accounts_user (id, password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined, department_id) FROM stdin;
1		\N	f	pm	Pat	Manager		f	t	2026-12-03 11:27:46.119625+00	\N
2		\N	f	dev				f	t	2026-12-03 11:27:46.121011+00	\N
\.


--
-- Data for Name: accounts_user_groups; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.accounts_user_groups (id, user_id, group_id) FROM stdin;
\.


--
-- Data for Name: accounts_user_user_permissions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.accounts_user_user_permissions (id, user_id, permission_id) FROM stdin;
\.


--
-- Data for Name: auth_group; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.auth_group (id, name) FROM stdin;
1	Admin
2	Director
3	Project manager
4	Member
5	Customer
\.


--
-- Data for Name: auth_group_permissions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.auth_group_permissions (id, group_id, permission_id) FROM stdin;
1	1	1
2	1	2
3	1	3
4	1	4
5	1	5
6	1	6
7	1	7
8	1	8
9	1	9
10	1	10
11	1	11
12	1	12
13	1	13
14	1	14
15	1	15
16	1	16
17	1	17
18	1	18
19	1	19
20	1	20
21	1	21
22	1	22
23	1	23
24	1	24
25	1	25
26	1	26
27	1	27
28	1	28
29	1	29
30	1	30
31	1	31
32	1	32
33	1	33
34	1	34
35	1	35
36	1	36
37	1	37
38	1	38
39	1	39
40	1	40
41	1	41
42	1	42
43	1	43
44	1	44
45	1	45
46	1	46
47	1	47
48	1	48
49	1	49
50	1	50
51	1	51
52	1	52
53	1	53
54	1	54
55	1	55
56	1	56
57	1	57
58	1	58
59	1	59
60	1	60
61	1	61
62	1	62
63	1	63
64	1	64
65	1	65
66	1	66
67	1	67
68	1	68
69	1	69
70	1	70
71	1	71
72	1	72
73	1	73
74	1	74
75	1	75
76	1	76
77	1	77
78	1	78
79	1	79
80	1	80
81	1	81
82	1	82
83	1	83
84	1	84
85	1	85
86	1	86
87	1	87
88	1	88
89	1	89
90	1	90
91	1	91
92	1	92
93	1	93
94	1	94
95	1	95
96	1	96
97	1	97
98	1	98
99	1	99
100	1	100
101	1	101
102	1	102
103	1	103
104	1	104
105	1	105
106	1	106
107	1	107
108	1	108
109	1	109
110	1	110
111	1	111
112	1	112
113	1	113
114	1	114
115	1	115
116	1	116
117	1	117
118	1	118
119	1	119
120	1	120
121	1	121
122	1	122
123	1	123
124	1	124
125	1	125
126	1	126
127	1	127
128	1	128
129	1	129
130	1	130
131	1	131
132	1	132
133	1	133
134	1	134
135	1	135
136	1	136
137	1	137
138	1	138
139	1	139
140	1	140
141	1	141
142	1	142
143	1	143
144	1	144
145	1	145
146	1	146
147	1	147
148	1	148
149	1	149
150	1	150
151	1	151
152	1	152
153	1	153
154	1	154
155	1	155
156	1	156
157	1	157
158	1	158
159	1	159
160	1	160
161	1	161
162	1	162
163	1	163
164	1	164
165	2	128
166	2	4
167	2	132
168	2	136
169	2	8
170	2	12
171	2	140
172	2	144
173	2	16
174	2	148
175	2	20
176	2	152
177	2	24
178	2	28
179	2	156
180	2	160
181	2	32
182	2	164
183	2	36
184	2	40
185	2	42
186	2	44
187	2	48
188	2	52
189	2	56
190	2	60
191	2	64
192	2	68
193	2	72
194	2	76
195	2	80
196	2	84
197	2	88
198	2	92
199	2	96
200	2	100
201	2	104
202	2	108
203	2	112
204	2	116
205	2	120
206	2	124
207	3	17
208	3	18
209	3	19
210	3	20
211	3	21
212	3	22
213	3	23
214	3	24
215	3	25
216	3	26
217	3	27
218	3	28
219	3	29
220	3	30
221	3	31
222	3	32
223	3	33
224	3	34
225	3	35
226	3	36
227	3	44
228	3	48
229	3	49
230	3	50
231	3	51
232	3	52
233	3	53
234	3	54
235	3	55
236	3	56
237	3	57
238	3	58
239	3	59
240	3	60
241	3	61
242	3	62
243	3	63
244	3	64
245	3	65
246	3	66
247	3	67
248	3	68
249	3	69
250	3	70
251	3	71
252	3	72
253	3	73
254	3	74
255	3	75
256	3	76
257	3	77
258	3	78
259	3	79
260	3	80
261	3	81
262	3	82
263	3	83
264	3	84
265	3	85
266	3	86
267	3	87
268	3	88
269	3	89
270	3	90
271	3	91
272	3	92
273	3	93
274	3	94
275	3	95
276	3	96
277	3	97
278	3	98
279	3	99
280	3	100
281	3	101
282	3	102
283	3	103
284	3	104
285	3	105
286	3	106
287	3	107
288	3	108
289	3	109
290	3	110
291	3	111
292	3	112
293	3	113
294	3	114
295	3	115
296	3	116
297	3	117
298	3	118
299	3	119
300	3	120
301	3	121
302	3	122
303	3	123
304	3	124
305	3	125
306	3	126
307	3	127
308	3	128
309	3	129
310	3	130
311	3	131
312	3	132
313	3	133
314	3	134
315	3	135
316	3	136
317	3	137
318	3	138
319	3	139
320	3	140
321	3	141
322	3	142
323	3	143
324	3	144
325	3	145
326	3	146
327	3	147
328	3	148
329	3	149
330	3	150
331	3	151
332	3	152
333	3	153
334	3	154
335	3	155
336	3	156
337	3	157
338	3	158
339	3	159
340	3	160
341	3	161
342	3	162
343	3	163
344	3	164
345	4	128
346	4	132
347	4	136
348	4	140
349	4	144
350	4	148
351	4	20
352	4	152
353	4	24
354	4	28
355	4	156
356	4	160
357	4	32
358	4	164
359	4	36
360	4	52
361	4	56
362	4	60
363	4	64
364	4	68
365	4	72
366	4	76
367	4	80
368	4	84
369	4	88
370	4	92
371	4	96
372	4	100
373	4	104
374	4	108
375	4	112
376	4	116
377	4	120
378	4	124
379	5	128
380	5	132
381	5	136
382	5	140
383	5	144
384	5	148
385	5	20
386	5	152
387	5	24
388	5	28
389	5	156
390	5	160
391	5	32
392	5	164
393	5	36
394	5	52
395	5	56
396	5	60
397	5	64
398	5	68
399	5	72
400	5	76
401	5	80
402	5	84
403	5	88
404	5	92
405	5	96
406	5	100
407	5	104
408	5	108
409	5	112
410	5	116
411	5	120
412	5	124
413	1	165
414	1	166
415	1	167
416	1	168
417	1	169
418	1	170
419	1	171
420	1	172
421	1	173
422	1	174
423	1	175
424	1	176
425	1	177
426	1	178
427	1	179
428	1	180
429	1	181
430	1	182
431	1	183
432	1	184
433	1	185
434	1	186
435	1	187
436	1	188
437	1	189
438	1	190
439	1	191
440	1	192
441	1	193
442	1	194
443	1	195
444	1	196
445	1	197
446	1	198
447	1	199
448	1	200
449	1	201
450	1	202
451	1	203
452	1	204
453	2	192
454	2	196
455	2	200
456	2	168
457	2	172
458	2	204
459	2	176
460	2	180
461	2	184
462	2	188
\.


--
-- Data for Name: auth_permission; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.auth_permission (id, name, content_type_id, codename) FROM stdin;
1	Can add user	2	add_user
2	Can change user	2	change_user
3	Can delete user	2	delete_user
4	Can view user	2	view_user
5	Can add department	1	add_department
6	Can change department	1	change_department
7	Can delete department	1	delete_department
8	Can view department	1	view_department
9	Can add permission	4	add_permission
10	Can change permission	4	change_permission
11	Can delete permission	4	delete_permission
12	Can view permission	4	view_permission
13	Can add group	3	add_group
14	Can change group	3	change_group
15	Can delete group	3	delete_group
16	Can view group	3	view_group
17	Can add change request	5	add_changerequest
18	Can change change request	5	change_changerequest
19	Can delete change request	5	delete_changerequest
20	Can view change request	5	view_changerequest
21	Can add historical change request	6	add_historicalchangerequest
22	Can change historical change request	6	change_historicalchangerequest
23	Can delete historical change request	6	delete_historicalchangerequest
24	Can view historical change request	6	view_historicalchangerequest
25	Can add HistoricalChangeRequest_affected_requirements	7	add_historicalchangerequest_affected_requirements
26	Can change HistoricalChangeRequest_affected_requirements	7	change_historicalchangerequest_affected_requirements
27	Can delete HistoricalChangeRequest_affected_requirements	7	delete_historicalchangerequest_affected_requirements
28	Can view HistoricalChangeRequest_affected_requirements	7	view_historicalchangerequest_affected_requirements
29	Can add historical milestone change	8	add_historicalmilestonechange
30	Can change historical milestone change	8	change_historicalmilestonechange
31	Can delete historical milestone change	8	delete_historicalmilestonechange
32	Can view historical milestone change	8	view_historicalmilestonechange
33	Can add milestone change	9	add_milestonechange
34	Can change milestone change	9	change_milestonechange
35	Can delete milestone change	9	delete_milestonechange
36	Can view milestone change	9	view_milestonechange
37	Can add content type	10	add_contenttype
38	Can change content type	10	change_contenttype
39	Can delete content type	10	delete_contenttype
40	Can view content type	10	view_contenttype
41	Can add KPI definition	11	add_kpidefinition
42	Can change KPI definition	11	change_kpidefinition
43	Can delete KPI definition	11	delete_kpidefinition
44	Can view KPI definition	11	view_kpidefinition
45	Can add KPI snapshot	12	add_kpisnapshot
46	Can change KPI snapshot	12	change_kpisnapshot
47	Can delete KPI snapshot	12	delete_kpisnapshot
48	Can view KPI snapshot	12	view_kpisnapshot
49	Can add historical milestone	13	add_historicalmilestone
50	Can change historical milestone	13	change_historicalmilestone
51	Can delete historical milestone	13	delete_historicalmilestone
52	Can view historical milestone	13	view_historicalmilestone
53	Can add milestone	15	add_milestone
54	Can change milestone	15	change_milestone
55	Can delete milestone	15	delete_milestone
56	Can view milestone	15	view_milestone
57	Can add HistoricalMilestone_depends_on	14	add_historicalmilestone_depends_on
58	Can change HistoricalMilestone_depends_on	14	change_historicalmilestone_depends_on
59	Can delete HistoricalMilestone_depends_on	14	delete_historicalmilestone_depends_on
60	Can view HistoricalMilestone_depends_on	14	view_historicalmilestone_depends_on
61	Can add historical project	21	add_historicalproject
62	Can change historical project	21	change_historicalproject
63	Can delete historical project	21	delete_historicalproject
64	Can view historical project	21	view_historicalproject
65	Can add project	25	add_project
66	Can change project	25	change_project
67	Can delete project	25	delete_project
68	Can view project	25	view_project
69	Can add phase	24	add_phase
70	Can change phase	24	change_phase
71	Can delete phase	24	delete_phase
72	Can view phase	24	view_phase
73	Can add membership	23	add_membership
74	Can change membership	23	change_membership
75	Can delete membership	23	delete_membership
76	Can view membership	23	view_membership
77	Can add historical requirement	22	add_historicalrequirement
78	Can change historical requirement	22	change_historicalrequirement
79	Can delete historical requirement	22	delete_historicalrequirement
80	Can view historical requirement	22	view_historicalrequirement
81	Can add historical membership	20	add_historicalmembership
82	Can change historical membership	20	change_historicalmembership
83	Can delete historical membership	20	delete_historicalmembership
84	Can view historical membership	20	view_historicalmembership
85	Can add historical document	19	add_historicaldocument
86	Can change historical document	19	change_historicaldocument
87	Can delete historical document	19	delete_historicaldocument
88	Can view historical document	19	view_historicaldocument
89	Can add historical cost entry	18	add_historicalcostentry
90	Can change historical cost entry	18	change_historicalcostentry
91	Can delete historical cost entry	18	delete_historicalcostentry
92	Can view historical cost entry	18	view_historicalcostentry
93	Can add document	17	add_document
94	Can change document	17	change_document
95	Can delete document	17	delete_document
96	Can view document	17	view_document
97	Can add cost entry	16	add_costentry
98	Can change cost entry	16	change_costentry
99	Can delete cost entry	16	delete_costentry
100	Can view cost entry	16	view_costentry
101	Can add requirement	26	add_requirement
102	Can change requirement	26	change_requirement
103	Can delete requirement	26	delete_requirement
104	Can view requirement	26	view_requirement
105	Can add historical meeting	32	add_historicalmeeting
106	Can change historical meeting	32	change_historicalmeeting
107	Can delete historical meeting	32	delete_historicalmeeting
108	Can view historical meeting	32	view_historicalmeeting
109	Can add meeting	33	add_meeting
110	Can change meeting	33	change_meeting
111	Can delete meeting	33	delete_meeting
112	Can view meeting	33	view_meeting
113	Can add historical action item	31	add_historicalactionitem
114	Can change historical action item	31	change_historicalactionitem
115	Can delete historical action item	31	delete_historicalactionitem
116	Can view historical action item	31	view_historicalactionitem
117	Can add decision	30	add_decision
118	Can change decision	30	change_decision
119	Can delete decision	30	delete_decision
120	Can view decision	30	view_decision
121	Can add agenda item	28	add_agendaitem
122	Can change agenda item	28	change_agendaitem
123	Can delete agenda item	28	delete_agendaitem
124	Can view agenda item	28	view_agendaitem
125	Can add action item	27	add_actionitem
126	Can change action item	27	change_actionitem
127	Can delete action item	27	delete_actionitem
128	Can view action item	27	view_actionitem
129	Can add meeting feedback	34	add_meetingfeedback
130	Can change meeting feedback	34	change_meetingfeedback
131	Can delete meeting feedback	34	delete_meetingfeedback
132	Can view meeting feedback	34	view_meetingfeedback
133	Can add team communication rating	35	add_teamcommunication
134	Can change team communication rating	35	change_teamcommunication
135	Can delete team communication rating	35	delete_teamcommunication
136	Can view team communication rating	35	view_teamcommunication
137	Can add customer satisfaction response	29	add_customersatisfaction
138	Can change customer satisfaction response	29	change_customersatisfaction
139	Can delete customer satisfaction response	29	delete_customersatisfaction
140	Can view customer satisfaction response	29	view_customersatisfaction
141	Can add historical issue	36	add_historicalissue
142	Can change historical issue	36	change_historicalissue
143	Can delete historical issue	36	delete_historicalissue
144	Can view historical issue	36	view_historicalissue
145	Can add historical risk	37	add_historicalrisk
146	Can change historical risk	37	change_historicalrisk
147	Can delete historical risk	37	delete_historicalrisk
148	Can view historical risk	37	view_historicalrisk
149	Can add risk	40	add_risk
150	Can change risk	40	change_risk
151	Can delete risk	40	delete_risk
152	Can view risk	40	view_risk
153	Can add historical risk response	38	add_historicalriskresponse
154	Can change historical risk response	38	change_historicalriskresponse
155	Can delete historical risk response	38	delete_historicalriskresponse
156	Can view historical risk response	38	view_historicalriskresponse
157	Can add risk response	41	add_riskresponse
158	Can change risk response	41	change_riskresponse
159	Can delete risk response	41	delete_riskresponse
160	Can view risk response	41	view_riskresponse
161	Can add issue	39	add_issue
162	Can change issue	39	change_issue
163	Can delete issue	39	delete_issue
164	Can view issue	39	view_issue
165	Can add log entry	42	add_logentry
166	Can change log entry	42	change_logentry
167	Can delete log entry	42	delete_logentry
168	Can view log entry	42	view_logentry
169	Can add session	43	add_session
170	Can change session	43	change_session
171	Can delete session	43	delete_session
172	Can view session	43	view_session
173	Can add Token	44	add_token
174	Can change Token	44	change_token
175	Can delete Token	44	delete_token
176	Can view Token	44	view_token
177	Can add Token	45	add_tokenproxy
178	Can change Token	45	change_tokenproxy
179	Can delete Token	45	delete_tokenproxy
180	Can view Token	45	view_tokenproxy
181	Can add crontab	47	add_crontabschedule
182	Can change crontab	47	change_crontabschedule
183	Can delete crontab	47	delete_crontabschedule
184	Can view crontab	47	view_crontabschedule
185	Can add interval	48	add_intervalschedule
186	Can change interval	48	change_intervalschedule
187	Can delete interval	48	delete_intervalschedule
188	Can view interval	48	view_intervalschedule
189	Can add periodic task	49	add_periodictask
190	Can change periodic task	49	change_periodictask
191	Can delete periodic task	49	delete_periodictask
192	Can view periodic task	49	view_periodictask
193	Can add periodic task track	50	add_periodictasks
194	Can change periodic task track	50	change_periodictasks
195	Can delete periodic task track	50	delete_periodictasks
196	Can view periodic task track	50	view_periodictasks
197	Can add solar event	51	add_solarschedule
198	Can change solar event	51	change_solarschedule
199	Can delete solar event	51	delete_solarschedule
200	Can view solar event	51	view_solarschedule
201	Can add clocked	46	add_clockedschedule
202	Can change clocked	46	change_clockedschedule
203	Can delete clocked	46	delete_clockedschedule
204	Can view clocked	46	view_clockedschedule
205	Can add record tally	53	add_tally
206	Can change record tally	53	change_tally
207	Can delete record tally	53	delete_tally
208	Can view record tally	53	view_tally
209	Can add manager record tally	52	add_managertally
210	Can change manager record tally	52	change_managertally
211	Can delete manager record tally	52	delete_managertally
212	Can view manager record tally	52	view_managertally
213	Can add survey invitation	54	add_surveyinvitation
214	Can change survey invitation	54	change_surveyinvitation
215	Can delete survey invitation	54	delete_surveyinvitation
216	Can view survey invitation	54	view_surveyinvitation
217	Can add department KPI target	56	add_kpitarget
218	Can change department KPI target	56	change_kpitarget
219	Can delete department KPI target	56	delete_kpitarget
220	Can view department KPI target	56	view_kpitarget
221	Can add KPI run	55	add_kpirun
222	Can change KPI run	55	change_kpirun
223	Can delete KPI run	55	delete_kpirun
224	Can view KPI run	55	view_kpirun
\.


--
-- Data for Name: authtoken_token; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.authtoken_token (key, created, user_id) FROM stdin;
\.


--
-- Data for Name: changes_changerequest; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes_changerequest (id, version, title, description, kind, status, submitted_on, decided_on, decision_note, implemented_on, impact_days, impact_cost, created_at, decided_by_id, project_id, requested_by_id) FROM stdin;
1	1	More scope		scope	draft	\N	\N		\N	0	0.00	2026-12-03 11:27:46.147895+00	\N	1	1
\.


--
-- Data for Name: changes_changerequest_affected_requirements; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes_changerequest_affected_requirements (id, changerequest_id, requirement_id) FROM stdin;
\.


--
-- Data for Name: changes_historicalchangerequest; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes_historicalchangerequest (id, version, title, description, kind, status, submitted_on, decided_on, decision_note, implemented_on, impact_days, impact_cost, created_at, history_id, history_date, history_change_reason, history_type, decided_by_id, history_user_id, project_id, requested_by_id) FROM stdin;
1	1	More scope		scope	draft	\N	\N		\N	0	0.00	2026-12-03 11:27:46.147895+00	1	2026-12-03 11:27:46.149528+00	\N	+	\N	\N	1	1
\.


--
-- Data for Name: changes_historicalchangerequest_affected_requirements; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes_historicalchangerequest_affected_requirements (id, m2m_history_id, changerequest_id, history_id, requirement_id) FROM stdin;
\.


--
-- Data for Name: changes_historicalmilestonechange; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes_historicalmilestonechange (id, new_planned_date, old_planned_date, history_id, history_date, history_change_reason, history_type, change_request_id, history_user_id, milestone_id) FROM stdin;
\.


--
-- Data for Name: changes_milestonechange; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.changes_milestonechange (id, new_planned_date, old_planned_date, change_request_id, milestone_id) FROM stdin;
\.


--
-- Data for Name: django_admin_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_admin_log (id, action_time, object_id, object_repr, action_flag, change_message, content_type_id, user_id) FROM stdin;
\.


--
-- Data for Name: django_celery_beat_clockedschedule; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_celery_beat_clockedschedule (id, clocked_time) FROM stdin;
\.


--
-- Data for Name: django_celery_beat_crontabschedule; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_celery_beat_crontabschedule (id, minute, hour, day_of_week, day_of_month, month_of_year, timezone) FROM stdin;
1	0	7	*	*	*	UTC
2	17	*	*	*	*	UTC
3	30	1	*	*	*	UTC
\.


--
-- Data for Name: django_celery_beat_intervalschedule; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_celery_beat_intervalschedule (id, every, period) FROM stdin;
\.


--
-- Data for Name: django_celery_beat_periodictask; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_celery_beat_periodictask (id, name, task, args, kwargs, queue, exchange, routing_key, expires, enabled, last_run_at, total_run_count, date_changed, description, crontab_id, interval_id, solar_id, one_off, start_time, priority, headers, clocked_id, expire_seconds) FROM stdin;
1	Action item reminders (daily)	reviews.tasks.send_action_item_reminders_task	[]	{}	\N	\N	\N	\N	t	\N	0	2026-12-03 11:27:44.27985+00		1	\N	\N	f	\N	\N	{}	\N	\N
2	Record tallies: compact (hourly)	projects.tasks.compact_tallies_task	[]	{}	\N	\N	\N	\N	t	\N	0	2026-12-03 11:27:44.760145+00		2	\N	\N	f	\N	\N	{}	\N	\N
3	KPI snapshots (nightly)	kpis.tasks.compute_kpis_task	[]	{}	\N	\N	\N	\N	t	\N	0	2026-12-03 11:27:45.285621+00	Recompute every KPI snapshot for today.	3	\N	\N	f	\N	\N	{}	\N	\N
\.


--
-- Data for Name: django_celery_beat_periodictasks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_celery_beat_periodictasks (ident, last_update) FROM stdin;
1	2026-12-03 11:27:45.286103+00
\.


--
-- Data for Name: django_celery_beat_solarschedule; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_celery_beat_solarschedule (id, event, latitude, longitude) FROM stdin;
\.


--
-- Data for Name: django_content_type; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_content_type (id, app_label, model) FROM stdin;
1	accounts	department
2	accounts	user
3	auth	group
4	auth	permission
5	changes	changerequest
6	changes	historicalchangerequest
7	changes	historicalchangerequest_affected_requirements
8	changes	historicalmilestonechange
9	changes	milestonechange
10	contenttypes	contenttype
11	kpis	kpidefinition
12	kpis	kpisnapshot
13	milestones	historicalmilestone
14	milestones	historicalmilestone_depends_on
15	milestones	milestone
16	projects	costentry
17	projects	document
18	projects	historicalcostentry
19	projects	historicaldocument
20	projects	historicalmembership
21	projects	historicalproject
22	projects	historicalrequirement
23	projects	membership
24	projects	phase
25	projects	project
26	projects	requirement
27	reviews	actionitem
28	reviews	agendaitem
29	reviews	customersatisfaction
30	reviews	decision
31	reviews	historicalactionitem
32	reviews	historicalmeeting
33	reviews	meeting
34	reviews	meetingfeedback
35	reviews	teamcommunication
36	risks	historicalissue
37	risks	historicalrisk
38	risks	historicalriskresponse
39	risks	issue
40	risks	risk
41	risks	riskresponse
42	admin	logentry
43	sessions	session
44	authtoken	token
45	authtoken	tokenproxy
46	django_celery_beat	clockedschedule
47	django_celery_beat	crontabschedule
48	django_celery_beat	intervalschedule
49	django_celery_beat	periodictask
50	django_celery_beat	periodictasks
51	django_celery_beat	solarschedule
52	projects	managertally
53	projects	tally
54	reviews	surveyinvitation
55	kpis	kpirun
56	kpis	kpitarget
\.


--
-- Data for Name: django_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_migrations (id, app, name, applied) FROM stdin;
1	contenttypes	0001_initial	2026-12-03 11:27:39.891678+00
2	contenttypes	0002_remove_content_type_name	2026-12-03 11:27:39.905075+00
3	auth	0001_initial	2026-12-03 11:27:39.982475+00
4	auth	0002_alter_permission_name_max_length	2026-12-03 11:27:39.987027+00
5	auth	0003_alter_user_email_max_length	2026-12-03 11:27:39.991235+00
6	auth	0004_alter_user_username_opts	2026-12-03 11:27:39.996696+00
7	auth	0005_alter_user_last_login_null	2026-12-03 11:27:40.000621+00
8	auth	0006_require_contenttypes_0002	2026-12-03 11:27:40.001556+00
9	auth	0007_alter_validators_add_error_messages	2026-12-03 11:27:40.005375+00
10	auth	0008_alter_user_username_max_length	2026-12-03 11:27:40.0093+00
11	auth	0009_alter_user_last_name_max_length	2026-12-03 11:27:40.013734+00
12	auth	0010_alter_group_name_max_length	2026-12-03 11:27:40.031348+00
13	auth	0011_update_proxy_permissions	2026-12-03 11:27:40.035763+00
14	auth	0012_alter_user_first_name_max_length	2026-12-03 11:27:40.049077+00
15	accounts	0001_initial	2026-12-03 11:27:40.09693+00
16	projects	0001_initial	2026-12-03 11:27:40.762391+00
17	risks	0001_initial	2026-12-03 11:27:41.351118+00
18	reviews	0001_initial	2026-12-03 11:27:41.968076+00
19	milestones	0001_initial	2026-12-03 11:27:42.13651+00
20	kpis	0001_initial	2026-12-03 11:27:42.153873+00
21	changes	0001_initial	2026-12-03 11:27:42.562297+00
22	accounts	0002_roles	2026-12-03 11:27:42.6817+00
23	admin	0001_initial	2026-12-03 11:27:42.739822+00
24	admin	0002_logentry_remove_auto_add	2026-12-03 11:27:42.776009+00
25	admin	0003_logentry_add_action_flag_choices	2026-12-03 11:27:42.812201+00
26	authtoken	0001_initial	2026-12-03 11:27:42.860697+00
27	authtoken	0002_auto_20160226_1747	2026-12-03 11:27:43.003794+00
28	authtoken	0003_tokenproxy	2026-12-03 11:27:43.007019+00
29	authtoken	0004_alter_tokenproxy_options	2026-12-03 11:27:43.012083+00
30	changes	0002_list_order_indexes	2026-12-03 11:27:43.054983+00
31	django_celery_beat	0001_initial	2026-12-03 11:27:43.075169+00
32	django_celery_beat	0002_auto_20161118_0346	2026-12-03 11:27:43.085539+00
33	django_celery_beat	0003_auto_20161209_0049	2026-12-03 11:27:43.093607+00
34	django_celery_beat	0004_auto_20170221_0000	2026-12-03 11:27:43.097882+00
35	django_celery_beat	0005_add_solarschedule_events_choices	2026-12-03 11:27:43.10191+00
36	django_celery_beat	0006_auto_20180322_0932	2026-12-03 11:27:43.142181+00
37	django_celery_beat	0007_auto_20180521_0826	2026-12-03 11:27:43.161096+00
38	django_celery_beat	0008_auto_20180914_1922	2026-12-03 11:27:43.285369+00
39	django_celery_beat	0006_auto_20180210_1226	2026-12-03 11:27:43.310487+00
40	django_celery_beat	0006_periodictask_priority	2026-12-03 11:27:43.320797+00
41	django_celery_beat	0009_periodictask_headers	2026-12-03 11:27:43.331293+00
42	django_celery_beat	0010_auto_20190429_0326	2026-12-03 11:27:43.575832+00
43	django_celery_beat	0011_auto_20190508_0153	2026-12-03 11:27:43.592306+00
44	django_celery_beat	0012_periodictask_expire_seconds	2026-12-03 11:27:43.605249+00
45	django_celery_beat	0013_auto_20200609_0727	2026-12-03 11:27:43.617741+00
46	django_celery_beat	0014_remove_clockedschedule_enabled	2026-12-03 11:27:43.622417+00
47	django_celery_beat	0015_edit_solarschedule_events_choices	2026-12-03 11:27:43.626547+00
48	django_celery_beat	0016_alter_crontabschedule_timezone	2026-12-03 11:27:43.638771+00
49	django_celery_beat	0017_alter_crontabschedule_month_of_year	2026-12-03 11:27:43.648234+00
50	django_celery_beat	0018_improve_crontab_helptext	2026-12-03 11:27:43.657384+00
51	django_celery_beat	0019_alter_periodictasks_options	2026-12-03 11:27:43.660021+00
52	kpis	0002_precision_and_department_targets	2026-12-03 11:27:43.729575+00
53	kpis	0003_kpi_definitions	2026-12-03 11:27:43.785459+00
54	kpis	0004_snapshot_keys_for_appending	2026-12-03 11:27:43.849861+00
55	kpis	0005_missed_projects_index	2026-12-03 11:27:43.856504+00
56	kpis	0006_snapshot_order_and_runs	2026-12-03 11:27:43.96476+00
57	risks	0002_risk_score_index	2026-12-03 11:27:44.000917+00
58	risks	0003_list_order_indexes	2026-12-03 11:27:44.135279+00
59	risks	0004_heat_map_index	2026-12-03 11:27:44.171078+00
60	reviews	0002_survey_invitation	2026-12-03 11:27:44.220145+00
61	reviews	0003_reminder_schedule	2026-12-03 11:27:44.281001+00
62	projects	0002_manager_covering_index	2026-12-03 11:27:44.399437+00
63	projects	0003_membership_covering_index	2026-12-03 11:27:44.481902+00
64	projects	0004_record_tallies	2026-12-03 11:27:44.52944+00
65	projects	0005_tally_triggers	2026-12-03 11:27:44.607689+00
66	projects	0006_tally_compaction_schedule	2026-12-03 11:27:44.760943+00
67	projects	0007_list_covering_indexes	2026-12-03 11:27:44.798743+00
68	projects	0008_project_list_order_indexes	2026-12-03 11:27:44.871621+00
69	projects	0009_manager_tallies	2026-12-03 11:27:45.078797+00
70	risks	0005_list_covering_indexes	2026-12-03 11:27:45.153972+00
71	sessions	0001_initial	2026-12-03 11:27:45.160706+00
\.


--
-- Data for Name: django_session; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.django_session (session_key, session_data, expire_date) FROM stdin;
\.


--
-- Data for Name: kpis_kpidefinition; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpis_kpidefinition (id, code, label, unit, direction, target, description) FROM stdin;
1	on_time_delivery	On-time delivery	rate	at_least	0.9000	Milestones planned in the window and completed on or before their planned date, out of all milestones planned in the window.
2	customer_satisfaction	Customer satisfaction	score	at_least	80.0000	Mean score (0–100) of customer satisfaction responses in the window.
3	risk_response_rate	Risk responses implemented	rate	at_least	0.9500	Risk responses due in the window and completed by their due date, out of all risk responses due in the window.
4	team_communication	Team communication	score	at_least	4.0000	Mean team communication rating (1–5) given in the window.
5	issue_resolution_hours	Issue resolution time	hours	at_most	48.0000	Mean hours from report to resolution of the issues resolved on a date in the window.
6	change_ratio	Requirement change ratio	rate	at_most	0.1000	Requirements changed by a change request approved in the window, out of the requirements created by then and not rejected.
7	improvement_rate	Improvements implemented	rate	at_least	0.7500	Improvement action items due in the window and completed by the snapshot date, out of all improvement items due in the window.
8	meeting_satisfaction	Meeting satisfaction	rate	at_least	0.8000	Ratings of 4 or 5 for meetings held in the window, out of all ratings of those meetings.
9	plan_submission	Documents submitted on time	rate	at_least	0.9000	Documents due in the window and submitted by their due date, out of all documents due in the window.
10	budget_adherence	Budget used	rate	at_most	1.0000	Costs to date (all time) out of budget, over active and closed projects.
\.


--
-- Data for Name: kpis_kpirun; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpis_kpirun (id, as_of, finished_at, rows) FROM stdin;
\.


--
-- Data for Name: kpis_kpisnapshot; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpis_kpisnapshot (id, scope_type, scope_id, scope_key, as_of, numerator, denominator, value, target, status, computed_at, kpi_id) FROM stdin;
\.


--
-- Data for Name: kpis_kpitarget; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kpis_kpitarget (id, target, department_id, kpi_id) FROM stdin;
\.


--
-- Data for Name: milestones_historicalmilestone; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.milestones_historicalmilestone (id, version, name, planned_date, forecast_date, completed_on, deliverables, history_id, history_date, history_change_reason, history_type, history_user_id, phase_id, project_id) FROM stdin;
1	1	Go-live	2026-06-01	\N	\N		1	2026-12-03 11:27:46.140702+00	\N	+	\N	\N	1
\.


--
-- Data for Name: milestones_historicalmilestone_depends_on; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.milestones_historicalmilestone_depends_on (id, m2m_history_id, history_id, from_milestone_id, to_milestone_id) FROM stdin;
\.


--
-- Data for Name: milestones_milestone; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.milestones_milestone (id, version, name, planned_date, forecast_date, completed_on, deliverables, phase_id, project_id) FROM stdin;
1	1	Go-live	2026-06-01	\N	\N		\N	1
\.


--
-- Data for Name: milestones_milestone_depends_on; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.milestones_milestone_depends_on (id, from_milestone_id, to_milestone_id) FROM stdin;
\.


--
-- Data for Name: projects_costentry; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_costentry (id, version, date, amount, category, note, project_id) FROM stdin;
\.


--
-- Data for Name: projects_document; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_document (id, version, kind, title, due_date, submitted_on, review_status, file, url, created_at, project_id) FROM stdin;
\.


--
-- Data for Name: projects_historicalcostentry; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_historicalcostentry (id, version, date, amount, category, note, history_id, history_date, history_change_reason, history_type, history_user_id, project_id) FROM stdin;
\.


--
-- Data for Name: projects_historicaldocument; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_historicaldocument (id, version, kind, title, due_date, submitted_on, review_status, file, url, created_at, history_id, history_date, history_change_reason, history_type, history_user_id, project_id) FROM stdin;
\.


--
-- Data for Name: projects_historicalmembership; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_historicalmembership (id, role, allocation_percent, created_at, history_id, history_date, history_change_reason, history_type, history_user_id, user_id, project_id) FROM stdin;
1	manager	100	2026-12-03 11:27:46.128473+00	1	2026-12-03 11:27:46.12981+00	\N	+	\N	1	1
2	member	100	2026-12-03 11:27:46.131533+00	2	2026-12-03 11:27:46.132253+00	\N	+	\N	2	1
\.


--
-- Data for Name: projects_historicalproject; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_historicalproject (id, version, code, name, customer, status, start_date, target_date, objectives, scope, budget, baselined_on, created_at, updated_at, history_id, history_date, history_change_reason, history_type, department_id, history_user_id, manager_id) FROM stdin;
1	1	OLD-1	Before issue 17		active	2026-01-01	2026-12-31			0.00	\N	2026-12-03 11:27:46.122105+00	2026-12-03 11:27:46.122113+00	1	2026-12-03 11:27:46.126104+00	\N	+	1	\N	1
\.


--
-- Data for Name: projects_historicalrequirement; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_historicalrequirement (id, version, title, acceptance_criteria, priority, status, due_date, created_at, history_id, history_date, history_change_reason, history_type, history_user_id, project_id) FROM stdin;
\.


--
-- Data for Name: projects_managertally; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_managertally (id, projects, milestones, issues, change_requests, meetings, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5, manager_id) FROM stdin;
1	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1
2	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1	0	0	0	0	0	1
3	0	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1
4	0	0	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1
5	0	0	0	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1
6	0	0	0	0	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1
\.


--
-- Data for Name: projects_membership; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_membership (id, role, allocation_percent, created_at, user_id, project_id, manages) FROM stdin;
1	manager	100	2026-12-03 11:27:46.128473+00	1	1	t
2	member	100	2026-12-03 11:27:46.131533+00	2	1	f
\.


--
-- Data for Name: projects_phase; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_phase (id, name, "order", start_date, end_date, objectives, project_id) FROM stdin;
\.


--
-- Data for Name: projects_project; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_project (id, version, code, name, customer, status, start_date, target_date, objectives, scope, budget, baselined_on, created_at, updated_at, department_id, manager_id) FROM stdin;
1	1	OLD-1	Before issue 17		active	2026-01-01	2026-12-31			0.00	\N	2026-12-03 11:27:46.122105+00	2026-12-03 11:27:46.122113+00	1	1
\.


--
-- Data for Name: projects_requirement; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_requirement (id, version, title, acceptance_criteria, priority, status, due_date, created_at, project_id) FROM stdin;
\.


--
-- Data for Name: projects_tally; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projects_tally (id, milestones, issues, change_requests, meetings, risks_1_1, risks_1_2, risks_1_3, risks_1_4, risks_1_5, risks_2_1, risks_2_2, risks_2_3, risks_2_4, risks_2_5, risks_3_1, risks_3_2, risks_3_3, risks_3_4, risks_3_5, risks_4_1, risks_4_2, risks_4_3, risks_4_4, risks_4_5, risks_5_1, risks_5_2, risks_5_3, risks_5_4, risks_5_5, project_id, folded) FROM stdin;
1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1	0	0	0	0	0	1	f
2	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1	f
3	0	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1	f
4	0	0	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1	f
5	0	0	0	1	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	1	f
\.


--
-- Data for Name: reviews_actionitem; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_actionitem (id, version, kind, description, due_date, completed_on, last_reminded_on, owner_id, meeting_id) FROM stdin;
\.


--
-- Data for Name: reviews_agendaitem; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_agendaitem (id, "order", title, notes, meeting_id) FROM stdin;
\.


--
-- Data for Name: reviews_customersatisfaction; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_customersatisfaction (id, score, responded_on, comment, source, respondent, created_at, logged_by_id, project_id) FROM stdin;
\.


--
-- Data for Name: reviews_decision; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_decision (id, description, meeting_id) FROM stdin;
\.


--
-- Data for Name: reviews_historicalactionitem; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_historicalactionitem (id, version, kind, description, due_date, completed_on, last_reminded_on, history_id, history_date, history_change_reason, history_type, history_user_id, owner_id, meeting_id) FROM stdin;
\.


--
-- Data for Name: reviews_historicalmeeting; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_historicalmeeting (id, version, kind, title, held_on, guests, minutes, created_at, history_id, history_date, history_change_reason, history_type, created_by_id, history_user_id, project_id) FROM stdin;
1	1	review	Kick-off	2026-01-05			2026-12-03 11:27:46.153735+00	1	2026-12-03 11:27:46.15523+00	\N	+	\N	\N	1
\.


--
-- Data for Name: reviews_meeting; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_meeting (id, version, kind, title, held_on, guests, minutes, created_at, created_by_id, project_id) FROM stdin;
1	1	review	Kick-off	2026-01-05			2026-12-03 11:27:46.153735+00	\N	1
\.


--
-- Data for Name: reviews_meeting_attendees; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_meeting_attendees (id, meeting_id, user_id) FROM stdin;
\.


--
-- Data for Name: reviews_meetingfeedback; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_meetingfeedback (id, rating, comment, created_at, attendee_id, meeting_id) FROM stdin;
\.


--
-- Data for Name: reviews_surveyinvitation; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_surveyinvitation (id, email, expires_at, used_at, created_at, created_by_id, project_id, response_id) FROM stdin;
\.


--
-- Data for Name: reviews_teamcommunication; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews_teamcommunication (id, rating, responded_on, period, project_id, rater_id) FROM stdin;
\.


--
-- Data for Name: risks_historicalissue; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.risks_historicalissue (id, version, title, description, severity, reported_at, resolved_at, resolution, history_id, history_date, history_change_reason, history_type, history_user_id, owner_id, project_id, reported_by_id) FROM stdin;
1	1	Build broken		medium	2026-12-03 11:27:46.144239+00	\N		1	2026-12-03 11:27:46.14597+00	\N	+	\N	\N	1	\N
\.


--
-- Data for Name: risks_historicalrisk; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.risks_historicalrisk (id, version, title, description, category, probability, impact, strategy, status, identified_on, history_id, history_date, history_change_reason, history_type, history_user_id, owner_id, project_id) FROM stdin;
1	1	Vendor late		technical	4	5	accept	open	2026-12-03	1	2026-12-03 11:27:46.137217+00	\N	+	\N	\N	1
\.


--
-- Data for Name: risks_historicalriskresponse; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.risks_historicalriskresponse (id, version, description, due_date, completed_on, history_id, history_date, history_change_reason, history_type, history_user_id, owner_id, risk_id) FROM stdin;
\.


--
-- Data for Name: risks_issue; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.risks_issue (id, version, title, description, severity, reported_at, resolved_at, resolution, owner_id, project_id, reported_by_id) FROM stdin;
1	1	Build broken		medium	2026-12-03 11:27:46.144239+00	\N		\N	1	\N
\.


--
-- Data for Name: risks_risk; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.risks_risk (id, version, title, description, category, probability, impact, strategy, status, identified_on, owner_id, project_id) FROM stdin;
1	1	Vendor late		technical	4	5	accept	open	2026-12-03	\N	1
\.


--
-- Data for Name: risks_riskresponse; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.risks_riskresponse (id, version, description, due_date, completed_on, owner_id, risk_id) FROM stdin;
\.


--
-- Name: accounts_department_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.accounts_department_id_seq', 1, true);


--
-- Name: accounts_user_groups_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.accounts_user_groups_id_seq', 1, false);


--
-- Name: accounts_user_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.accounts_user_id_seq', 2, true);


--
-- Name: accounts_user_user_permissions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.accounts_user_user_permissions_id_seq', 1, false);


--
-- Name: auth_group_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_group_id_seq', 5, true);


--
-- Name: auth_group_permissions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_group_permissions_id_seq', 462, true);


--
-- Name: auth_permission_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_permission_id_seq', 224, true);


--
-- Name: changes_changerequest_affected_requirements_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.changes_changerequest_affected_requirements_id_seq', 1, false);


--
-- Name: changes_changerequest_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.changes_changerequest_id_seq', 1, true);


--
-- Name: changes_historicalchangerequest_affected_req_m2m_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.changes_historicalchangerequest_affected_req_m2m_history_id_seq', 1, false);


--
-- Name: changes_historicalchangerequest_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.changes_historicalchangerequest_history_id_seq', 1, true);


--
-- Name: changes_historicalmilestonechange_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.changes_historicalmilestonechange_history_id_seq', 1, false);


--
-- Name: changes_milestonechange_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.changes_milestonechange_id_seq', 1, false);


--
-- Name: django_admin_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_admin_log_id_seq', 1, false);


--
-- Name: django_celery_beat_clockedschedule_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_celery_beat_clockedschedule_id_seq', 1, false);


--
-- Name: django_celery_beat_crontabschedule_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_celery_beat_crontabschedule_id_seq', 3, true);


--
-- Name: django_celery_beat_intervalschedule_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_celery_beat_intervalschedule_id_seq', 1, false);


--
-- Name: django_celery_beat_periodictask_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_celery_beat_periodictask_id_seq', 3, true);


--
-- Name: django_celery_beat_solarschedule_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_celery_beat_solarschedule_id_seq', 1, false);


--
-- Name: django_content_type_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_content_type_id_seq', 56, true);


--
-- Name: django_migrations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_migrations_id_seq', 71, true);


--
-- Name: kpis_kpidefinition_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kpis_kpidefinition_id_seq', 10, true);


--
-- Name: kpis_kpirun_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kpis_kpirun_id_seq', 1, false);


--
-- Name: kpis_kpisnapshot_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kpis_kpisnapshot_id_seq', 1, false);


--
-- Name: kpis_kpitarget_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.kpis_kpitarget_id_seq', 1, false);


--
-- Name: milestones_historicalmilestone_depends_on_m2m_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.milestones_historicalmilestone_depends_on_m2m_history_id_seq', 1, false);


--
-- Name: milestones_historicalmilestone_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.milestones_historicalmilestone_history_id_seq', 1, true);


--
-- Name: milestones_milestone_depends_on_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.milestones_milestone_depends_on_id_seq', 1, false);


--
-- Name: milestones_milestone_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.milestones_milestone_id_seq', 1, true);


--
-- Name: projects_costentry_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_costentry_id_seq', 1, false);


--
-- Name: projects_document_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_document_id_seq', 1, false);


--
-- Name: projects_historicalcostentry_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_historicalcostentry_history_id_seq', 1, false);


--
-- Name: projects_historicaldocument_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_historicaldocument_history_id_seq', 1, false);


--
-- Name: projects_historicalmembership_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_historicalmembership_history_id_seq', 2, true);


--
-- Name: projects_historicalproject_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_historicalproject_history_id_seq', 1, true);


--
-- Name: projects_historicalrequirement_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_historicalrequirement_history_id_seq', 1, false);


--
-- Name: projects_managertally_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_managertally_id_seq', 6, true);


--
-- Name: projects_membership_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_membership_id_seq', 2, true);


--
-- Name: projects_phase_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_phase_id_seq', 1, false);


--
-- Name: projects_project_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_project_id_seq', 1, true);


--
-- Name: projects_requirement_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_requirement_id_seq', 1, false);


--
-- Name: projects_tally_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.projects_tally_id_seq', 5, true);


--
-- Name: reviews_actionitem_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_actionitem_id_seq', 1, false);


--
-- Name: reviews_agendaitem_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_agendaitem_id_seq', 1, false);


--
-- Name: reviews_customersatisfaction_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_customersatisfaction_id_seq', 1, false);


--
-- Name: reviews_decision_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_decision_id_seq', 1, false);


--
-- Name: reviews_historicalactionitem_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_historicalactionitem_history_id_seq', 1, false);


--
-- Name: reviews_historicalmeeting_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_historicalmeeting_history_id_seq', 1, true);


--
-- Name: reviews_meeting_attendees_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_meeting_attendees_id_seq', 1, false);


--
-- Name: reviews_meeting_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_meeting_id_seq', 1, true);


--
-- Name: reviews_meetingfeedback_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_meetingfeedback_id_seq', 1, false);


--
-- Name: reviews_surveyinvitation_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_surveyinvitation_id_seq', 1, false);


--
-- Name: reviews_teamcommunication_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_teamcommunication_id_seq', 1, false);


--
-- Name: risks_historicalissue_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.risks_historicalissue_history_id_seq', 1, true);


--
-- Name: risks_historicalrisk_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.risks_historicalrisk_history_id_seq', 1, true);


--
-- Name: risks_historicalriskresponse_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.risks_historicalriskresponse_history_id_seq', 1, false);


--
-- Name: risks_issue_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.risks_issue_id_seq', 1, true);


--
-- Name: risks_risk_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.risks_risk_id_seq', 1, true);


--
-- Name: risks_riskresponse_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.risks_riskresponse_id_seq', 1, false);


--
-- Name: accounts_department accounts_department_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_department
    ADD CONSTRAINT accounts_department_code_key UNIQUE (code);


--
-- Name: accounts_department accounts_department_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_department
    ADD CONSTRAINT accounts_department_pkey PRIMARY KEY (id);


--
-- Name: accounts_user_groups accounts_user_groups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_pkey PRIMARY KEY (id);


--
-- Name: accounts_user_groups accounts_user_groups_user_id_group_id_59c0b32f_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_user_id_group_id_59c0b32f_uniq UNIQUE (user_id, group_id);


--
-- Name: accounts_user accounts_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user
    ADD CONSTRAINT accounts_user_pkey PRIMARY KEY (id);


--
-- Name: accounts_user_user_permissions accounts_user_user_permi_user_id_permission_id_2ab516c2_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_permi_user_id_permission_id_2ab516c2_uniq UNIQUE (user_id, permission_id);


--
-- Name: accounts_user_user_permissions accounts_user_user_permissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_permissions_pkey PRIMARY KEY (id);


--
-- Name: accounts_user accounts_user_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user
    ADD CONSTRAINT accounts_user_username_key UNIQUE (username);


--
-- Name: auth_group auth_group_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group
    ADD CONSTRAINT auth_group_name_key UNIQUE (name);


--
-- Name: auth_group_permissions auth_group_permissions_group_id_permission_id_0cd325b0_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_permission_id_0cd325b0_uniq UNIQUE (group_id, permission_id);


--
-- Name: auth_group_permissions auth_group_permissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_pkey PRIMARY KEY (id);


--
-- Name: auth_group auth_group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group
    ADD CONSTRAINT auth_group_pkey PRIMARY KEY (id);


--
-- Name: auth_permission auth_permission_content_type_id_codename_01ab375a_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_codename_01ab375a_uniq UNIQUE (content_type_id, codename);


--
-- Name: auth_permission auth_permission_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_pkey PRIMARY KEY (id);


--
-- Name: authtoken_token authtoken_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.authtoken_token
    ADD CONSTRAINT authtoken_token_pkey PRIMARY KEY (key);


--
-- Name: authtoken_token authtoken_token_user_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.authtoken_token
    ADD CONSTRAINT authtoken_token_user_id_key UNIQUE (user_id);


--
-- Name: changes_changerequest_affected_requirements changes_changerequest_af_changerequest_id_require_6d158f37_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest_affected_requirements
    ADD CONSTRAINT changes_changerequest_af_changerequest_id_require_6d158f37_uniq UNIQUE (changerequest_id, requirement_id);


--
-- Name: changes_changerequest_affected_requirements changes_changerequest_affected_requirements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest_affected_requirements
    ADD CONSTRAINT changes_changerequest_affected_requirements_pkey PRIMARY KEY (id);


--
-- Name: changes_changerequest changes_changerequest_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest
    ADD CONSTRAINT changes_changerequest_pkey PRIMARY KEY (id);


--
-- Name: changes_historicalchangerequest_affected_requirements changes_historicalchangerequest_affected_requirements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_historicalchangerequest_affected_requirements
    ADD CONSTRAINT changes_historicalchangerequest_affected_requirements_pkey PRIMARY KEY (m2m_history_id);


--
-- Name: changes_historicalchangerequest changes_historicalchangerequest_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_historicalchangerequest
    ADD CONSTRAINT changes_historicalchangerequest_pkey PRIMARY KEY (history_id);


--
-- Name: changes_historicalmilestonechange changes_historicalmilestonechange_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_historicalmilestonechange
    ADD CONSTRAINT changes_historicalmilestonechange_pkey PRIMARY KEY (history_id);


--
-- Name: changes_milestonechange changes_milestonechange_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_milestonechange
    ADD CONSTRAINT changes_milestonechange_pkey PRIMARY KEY (id);


--
-- Name: django_admin_log django_admin_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_pkey PRIMARY KEY (id);


--
-- Name: django_celery_beat_clockedschedule django_celery_beat_clockedschedule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_clockedschedule
    ADD CONSTRAINT django_celery_beat_clockedschedule_pkey PRIMARY KEY (id);


--
-- Name: django_celery_beat_crontabschedule django_celery_beat_crontabschedule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_crontabschedule
    ADD CONSTRAINT django_celery_beat_crontabschedule_pkey PRIMARY KEY (id);


--
-- Name: django_celery_beat_intervalschedule django_celery_beat_intervalschedule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_intervalschedule
    ADD CONSTRAINT django_celery_beat_intervalschedule_pkey PRIMARY KEY (id);


--
-- Name: django_celery_beat_periodictask django_celery_beat_periodictask_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_periodictask
    ADD CONSTRAINT django_celery_beat_periodictask_name_key UNIQUE (name);


--
-- Name: django_celery_beat_periodictask django_celery_beat_periodictask_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_periodictask
    ADD CONSTRAINT django_celery_beat_periodictask_pkey PRIMARY KEY (id);


--
-- Name: django_celery_beat_periodictasks django_celery_beat_periodictasks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_periodictasks
    ADD CONSTRAINT django_celery_beat_periodictasks_pkey PRIMARY KEY (ident);


--
-- Name: django_celery_beat_solarschedule django_celery_beat_solar_event_latitude_longitude_ba64999a_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_solarschedule
    ADD CONSTRAINT django_celery_beat_solar_event_latitude_longitude_ba64999a_uniq UNIQUE (event, latitude, longitude);


--
-- Name: django_celery_beat_solarschedule django_celery_beat_solarschedule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_solarschedule
    ADD CONSTRAINT django_celery_beat_solarschedule_pkey PRIMARY KEY (id);


--
-- Name: django_content_type django_content_type_app_label_model_76bd3d3b_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_content_type
    ADD CONSTRAINT django_content_type_app_label_model_76bd3d3b_uniq UNIQUE (app_label, model);


--
-- Name: django_content_type django_content_type_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_content_type
    ADD CONSTRAINT django_content_type_pkey PRIMARY KEY (id);


--
-- Name: django_migrations django_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_migrations
    ADD CONSTRAINT django_migrations_pkey PRIMARY KEY (id);


--
-- Name: django_session django_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_session
    ADD CONSTRAINT django_session_pkey PRIMARY KEY (session_key);


--
-- Name: kpis_kpitarget kpi_target_once_per_department; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpitarget
    ADD CONSTRAINT kpi_target_once_per_department UNIQUE (kpi_id, department_id);


--
-- Name: kpis_kpidefinition kpis_kpidefinition_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpidefinition
    ADD CONSTRAINT kpis_kpidefinition_code_key UNIQUE (code);


--
-- Name: kpis_kpidefinition kpis_kpidefinition_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpidefinition
    ADD CONSTRAINT kpis_kpidefinition_pkey PRIMARY KEY (id);


--
-- Name: kpis_kpirun kpis_kpirun_as_of_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpirun
    ADD CONSTRAINT kpis_kpirun_as_of_key UNIQUE (as_of);


--
-- Name: kpis_kpirun kpis_kpirun_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpirun
    ADD CONSTRAINT kpis_kpirun_pkey PRIMARY KEY (id);


--
-- Name: kpis_kpisnapshot kpis_kpisnapshot_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpisnapshot
    ADD CONSTRAINT kpis_kpisnapshot_pkey PRIMARY KEY (id);


--
-- Name: kpis_kpitarget kpis_kpitarget_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpitarget
    ADD CONSTRAINT kpis_kpitarget_pkey PRIMARY KEY (id);


--
-- Name: reviews_meetingfeedback meeting_feedback_once_per_attendee; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meetingfeedback
    ADD CONSTRAINT meeting_feedback_once_per_attendee UNIQUE (meeting_id, attendee_id);


--
-- Name: projects_membership membership_unique_user_per_project; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_membership
    ADD CONSTRAINT membership_unique_user_per_project UNIQUE (project_id, user_id);


--
-- Name: changes_milestonechange milestone_change_once_per_request; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_milestonechange
    ADD CONSTRAINT milestone_change_once_per_request UNIQUE (change_request_id, milestone_id);


--
-- Name: milestones_historicalmilestone_depends_on milestones_historicalmilestone_depends_on_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_historicalmilestone_depends_on
    ADD CONSTRAINT milestones_historicalmilestone_depends_on_pkey PRIMARY KEY (m2m_history_id);


--
-- Name: milestones_historicalmilestone milestones_historicalmilestone_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_historicalmilestone
    ADD CONSTRAINT milestones_historicalmilestone_pkey PRIMARY KEY (history_id);


--
-- Name: milestones_milestone_depends_on milestones_milestone_dep_from_milestone_id_to_mil_e3bce8a6_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_milestone_depends_on
    ADD CONSTRAINT milestones_milestone_dep_from_milestone_id_to_mil_e3bce8a6_uniq UNIQUE (from_milestone_id, to_milestone_id);


--
-- Name: milestones_milestone_depends_on milestones_milestone_depends_on_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_milestone_depends_on
    ADD CONSTRAINT milestones_milestone_depends_on_pkey PRIMARY KEY (id);


--
-- Name: milestones_milestone milestones_milestone_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_milestone
    ADD CONSTRAINT milestones_milestone_pkey PRIMARY KEY (id);


--
-- Name: projects_costentry projects_costentry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_costentry
    ADD CONSTRAINT projects_costentry_pkey PRIMARY KEY (id);


--
-- Name: projects_document projects_document_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_document
    ADD CONSTRAINT projects_document_pkey PRIMARY KEY (id);


--
-- Name: projects_historicalcostentry projects_historicalcostentry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalcostentry
    ADD CONSTRAINT projects_historicalcostentry_pkey PRIMARY KEY (history_id);


--
-- Name: projects_historicaldocument projects_historicaldocument_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicaldocument
    ADD CONSTRAINT projects_historicaldocument_pkey PRIMARY KEY (history_id);


--
-- Name: projects_historicalmembership projects_historicalmembership_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalmembership
    ADD CONSTRAINT projects_historicalmembership_pkey PRIMARY KEY (history_id);


--
-- Name: projects_historicalproject projects_historicalproject_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalproject
    ADD CONSTRAINT projects_historicalproject_pkey PRIMARY KEY (history_id);


--
-- Name: projects_historicalrequirement projects_historicalrequirement_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalrequirement
    ADD CONSTRAINT projects_historicalrequirement_pkey PRIMARY KEY (history_id);


--
-- Name: projects_managertally projects_managertally_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_managertally
    ADD CONSTRAINT projects_managertally_pkey PRIMARY KEY (id);


--
-- Name: projects_membership projects_membership_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_membership
    ADD CONSTRAINT projects_membership_pkey PRIMARY KEY (id);


--
-- Name: projects_phase projects_phase_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_phase
    ADD CONSTRAINT projects_phase_pkey PRIMARY KEY (id);


--
-- Name: projects_project projects_project_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_project
    ADD CONSTRAINT projects_project_code_key UNIQUE (code);


--
-- Name: projects_project projects_project_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_project
    ADD CONSTRAINT projects_project_pkey PRIMARY KEY (id);


--
-- Name: projects_requirement projects_requirement_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_requirement
    ADD CONSTRAINT projects_requirement_pkey PRIMARY KEY (id);


--
-- Name: projects_tally projects_tally_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_tally
    ADD CONSTRAINT projects_tally_pkey PRIMARY KEY (id);


--
-- Name: reviews_actionitem reviews_actionitem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_actionitem
    ADD CONSTRAINT reviews_actionitem_pkey PRIMARY KEY (id);


--
-- Name: reviews_agendaitem reviews_agendaitem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_agendaitem
    ADD CONSTRAINT reviews_agendaitem_pkey PRIMARY KEY (id);


--
-- Name: reviews_customersatisfaction reviews_customersatisfaction_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_customersatisfaction
    ADD CONSTRAINT reviews_customersatisfaction_pkey PRIMARY KEY (id);


--
-- Name: reviews_decision reviews_decision_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_decision
    ADD CONSTRAINT reviews_decision_pkey PRIMARY KEY (id);


--
-- Name: reviews_historicalactionitem reviews_historicalactionitem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_historicalactionitem
    ADD CONSTRAINT reviews_historicalactionitem_pkey PRIMARY KEY (history_id);


--
-- Name: reviews_historicalmeeting reviews_historicalmeeting_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_historicalmeeting
    ADD CONSTRAINT reviews_historicalmeeting_pkey PRIMARY KEY (history_id);


--
-- Name: reviews_meeting_attendees reviews_meeting_attendees_meeting_id_user_id_cf514b82_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meeting_attendees
    ADD CONSTRAINT reviews_meeting_attendees_meeting_id_user_id_cf514b82_uniq UNIQUE (meeting_id, user_id);


--
-- Name: reviews_meeting_attendees reviews_meeting_attendees_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meeting_attendees
    ADD CONSTRAINT reviews_meeting_attendees_pkey PRIMARY KEY (id);


--
-- Name: reviews_meeting reviews_meeting_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meeting
    ADD CONSTRAINT reviews_meeting_pkey PRIMARY KEY (id);


--
-- Name: reviews_meetingfeedback reviews_meetingfeedback_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meetingfeedback
    ADD CONSTRAINT reviews_meetingfeedback_pkey PRIMARY KEY (id);


--
-- Name: reviews_surveyinvitation reviews_surveyinvitation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_surveyinvitation
    ADD CONSTRAINT reviews_surveyinvitation_pkey PRIMARY KEY (id);


--
-- Name: reviews_surveyinvitation reviews_surveyinvitation_response_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_surveyinvitation
    ADD CONSTRAINT reviews_surveyinvitation_response_id_key UNIQUE (response_id);


--
-- Name: reviews_teamcommunication reviews_teamcommunication_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_teamcommunication
    ADD CONSTRAINT reviews_teamcommunication_pkey PRIMARY KEY (id);


--
-- Name: risks_historicalissue risks_historicalissue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_historicalissue
    ADD CONSTRAINT risks_historicalissue_pkey PRIMARY KEY (history_id);


--
-- Name: risks_historicalrisk risks_historicalrisk_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_historicalrisk
    ADD CONSTRAINT risks_historicalrisk_pkey PRIMARY KEY (history_id);


--
-- Name: risks_historicalriskresponse risks_historicalriskresponse_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_historicalriskresponse
    ADD CONSTRAINT risks_historicalriskresponse_pkey PRIMARY KEY (history_id);


--
-- Name: risks_issue risks_issue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_issue
    ADD CONSTRAINT risks_issue_pkey PRIMARY KEY (id);


--
-- Name: risks_risk risks_risk_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_risk
    ADD CONSTRAINT risks_risk_pkey PRIMARY KEY (id);


--
-- Name: risks_riskresponse risks_riskresponse_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_riskresponse
    ADD CONSTRAINT risks_riskresponse_pkey PRIMARY KEY (id);


--
-- Name: reviews_teamcommunication team_communication_once_a_month; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_teamcommunication
    ADD CONSTRAINT team_communication_once_a_month UNIQUE (project_id, rater_id, period);


--
-- Name: accounts_department_code_ca047dbc_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_department_code_ca047dbc_like ON public.accounts_department USING btree (code varchar_pattern_ops);


--
-- Name: accounts_department_head_id_d5b22056; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_department_head_id_d5b22056 ON public.accounts_department USING btree (head_id);


--
-- Name: accounts_department_parent_id_1cf3cf29; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_department_parent_id_1cf3cf29 ON public.accounts_department USING btree (parent_id);


--
-- Name: accounts_user_department_id_8dc06840; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_department_id_8dc06840 ON public.accounts_user USING btree (department_id);


--
-- Name: accounts_user_groups_group_id_bd11a704; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_groups_group_id_bd11a704 ON public.accounts_user_groups USING btree (group_id);


--
-- Name: accounts_user_groups_user_id_52b62117; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_groups_user_id_52b62117 ON public.accounts_user_groups USING btree (user_id);


--
-- Name: accounts_user_user_permissions_permission_id_113bb443; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_user_permissions_permission_id_113bb443 ON public.accounts_user_user_permissions USING btree (permission_id);


--
-- Name: accounts_user_user_permissions_user_id_e4f0a161; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_user_permissions_user_id_e4f0a161 ON public.accounts_user_user_permissions USING btree (user_id);


--
-- Name: accounts_user_username_6088629e_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_username_6088629e_like ON public.accounts_user USING btree (username varchar_pattern_ops);


--
-- Name: auth_group_name_a6ea08ec_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_name_a6ea08ec_like ON public.auth_group USING btree (name varchar_pattern_ops);


--
-- Name: auth_group_permissions_group_id_b120cbf9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_permissions_group_id_b120cbf9 ON public.auth_group_permissions USING btree (group_id);


--
-- Name: auth_group_permissions_permission_id_84c5c92e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_permissions_permission_id_84c5c92e ON public.auth_group_permissions USING btree (permission_id);


--
-- Name: auth_permission_content_type_id_2f476e4b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_permission_content_type_id_2f476e4b ON public.auth_permission USING btree (content_type_id);


--
-- Name: authtoken_token_key_10f0b77e_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX authtoken_token_key_10f0b77e_like ON public.authtoken_token USING btree (key varchar_pattern_ops);


--
-- Name: change_newest_first; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX change_newest_first ON public.changes_changerequest USING btree (created_at, id);


--
-- Name: changes_cha_decided_d94b77_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_cha_decided_d94b77_idx ON public.changes_changerequest USING btree (decided_on);


--
-- Name: changes_cha_project_5b5889_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_cha_project_5b5889_idx ON public.changes_changerequest USING btree (project_id, status);


--
-- Name: changes_changerequest_affe_changerequest_id_4d2e7ed6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_changerequest_affe_changerequest_id_4d2e7ed6 ON public.changes_changerequest_affected_requirements USING btree (changerequest_id);


--
-- Name: changes_changerequest_affe_requirement_id_959926e2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_changerequest_affe_requirement_id_959926e2 ON public.changes_changerequest_affected_requirements USING btree (requirement_id);


--
-- Name: changes_changerequest_decided_by_id_73c66b65; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_changerequest_decided_by_id_73c66b65 ON public.changes_changerequest USING btree (decided_by_id);


--
-- Name: changes_changerequest_project_id_98697e41; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_changerequest_project_id_98697e41 ON public.changes_changerequest USING btree (project_id);


--
-- Name: changes_changerequest_requested_by_id_6bebb82b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_changerequest_requested_by_id_6bebb82b ON public.changes_changerequest USING btree (requested_by_id);


--
-- Name: changes_historicalchangere_changerequest_id_8d0cce5e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangere_changerequest_id_8d0cce5e ON public.changes_historicalchangerequest_affected_requirements USING btree (changerequest_id);


--
-- Name: changes_historicalchangere_history_id_f73a721f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangere_history_id_f73a721f ON public.changes_historicalchangerequest_affected_requirements USING btree (history_id);


--
-- Name: changes_historicalchangere_id_6206c9da; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangere_id_6206c9da ON public.changes_historicalchangerequest_affected_requirements USING btree (id);


--
-- Name: changes_historicalchangere_requirement_id_73f351fb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangere_requirement_id_73f351fb ON public.changes_historicalchangerequest_affected_requirements USING btree (requirement_id);


--
-- Name: changes_historicalchangerequest_decided_by_id_4d9a183e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangerequest_decided_by_id_4d9a183e ON public.changes_historicalchangerequest USING btree (decided_by_id);


--
-- Name: changes_historicalchangerequest_history_date_d160d721; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangerequest_history_date_d160d721 ON public.changes_historicalchangerequest USING btree (history_date);


--
-- Name: changes_historicalchangerequest_history_user_id_7f3a47de; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangerequest_history_user_id_7f3a47de ON public.changes_historicalchangerequest USING btree (history_user_id);


--
-- Name: changes_historicalchangerequest_id_70e9e771; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangerequest_id_70e9e771 ON public.changes_historicalchangerequest USING btree (id);


--
-- Name: changes_historicalchangerequest_project_id_5e486b9c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangerequest_project_id_5e486b9c ON public.changes_historicalchangerequest USING btree (project_id);


--
-- Name: changes_historicalchangerequest_requested_by_id_40da8b7f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalchangerequest_requested_by_id_40da8b7f ON public.changes_historicalchangerequest USING btree (requested_by_id);


--
-- Name: changes_historicalmilestonechange_change_request_id_0e296c2a; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalmilestonechange_change_request_id_0e296c2a ON public.changes_historicalmilestonechange USING btree (change_request_id);


--
-- Name: changes_historicalmilestonechange_history_date_69afa1a6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalmilestonechange_history_date_69afa1a6 ON public.changes_historicalmilestonechange USING btree (history_date);


--
-- Name: changes_historicalmilestonechange_history_user_id_7e250464; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalmilestonechange_history_user_id_7e250464 ON public.changes_historicalmilestonechange USING btree (history_user_id);


--
-- Name: changes_historicalmilestonechange_id_7a8189a7; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalmilestonechange_id_7a8189a7 ON public.changes_historicalmilestonechange USING btree (id);


--
-- Name: changes_historicalmilestonechange_milestone_id_de527150; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_historicalmilestonechange_milestone_id_de527150 ON public.changes_historicalmilestonechange USING btree (milestone_id);


--
-- Name: changes_milestonechange_change_request_id_dcb61e79; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_milestonechange_change_request_id_dcb61e79 ON public.changes_milestonechange USING btree (change_request_id);


--
-- Name: changes_milestonechange_milestone_id_98e29433; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX changes_milestonechange_milestone_id_98e29433 ON public.changes_milestonechange USING btree (milestone_id);


--
-- Name: django_admin_log_content_type_id_c4bce8eb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_admin_log_content_type_id_c4bce8eb ON public.django_admin_log USING btree (content_type_id);


--
-- Name: django_admin_log_user_id_c564eba6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_admin_log_user_id_c564eba6 ON public.django_admin_log USING btree (user_id);


--
-- Name: django_celery_beat_periodictask_clocked_id_47a69f82; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_celery_beat_periodictask_clocked_id_47a69f82 ON public.django_celery_beat_periodictask USING btree (clocked_id);


--
-- Name: django_celery_beat_periodictask_crontab_id_d3cba168; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_celery_beat_periodictask_crontab_id_d3cba168 ON public.django_celery_beat_periodictask USING btree (crontab_id);


--
-- Name: django_celery_beat_periodictask_interval_id_a8ca27da; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_celery_beat_periodictask_interval_id_a8ca27da ON public.django_celery_beat_periodictask USING btree (interval_id);


--
-- Name: django_celery_beat_periodictask_name_265a36b7_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_celery_beat_periodictask_name_265a36b7_like ON public.django_celery_beat_periodictask USING btree (name varchar_pattern_ops);


--
-- Name: django_celery_beat_periodictask_solar_id_a87ce72c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_celery_beat_periodictask_solar_id_a87ce72c ON public.django_celery_beat_periodictask USING btree (solar_id);


--
-- Name: django_session_expire_date_a5c62663; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_session_expire_date_a5c62663 ON public.django_session USING btree (expire_date);


--
-- Name: django_session_session_key_c0390e0f_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_session_session_key_c0390e0f_like ON public.django_session USING btree (session_key varchar_pattern_ops);


--
-- Name: issue_newest_first; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX issue_newest_first ON public.risks_issue USING btree (reported_at DESC, id);


--
-- Name: kpi_snapshot_missed_projects; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpi_snapshot_missed_projects ON public.kpis_kpisnapshot USING btree (as_of, scope_id) WHERE (((scope_type)::text = 'project'::text) AND ((status)::text = 'missed'::text));


--
-- Name: kpi_snapshot_unique_scope_day; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX kpi_snapshot_unique_scope_day ON public.kpis_kpisnapshot USING btree (as_of DESC, scope_type, scope_key, kpi_id);


--
-- Name: kpis_kpidefinition_code_85d08175_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpis_kpidefinition_code_85d08175_like ON public.kpis_kpidefinition USING btree (code varchar_pattern_ops);


--
-- Name: kpis_kpitarget_department_id_e978fe75; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpis_kpitarget_department_id_e978fe75 ON public.kpis_kpitarget USING btree (department_id);


--
-- Name: kpis_kpitarget_kpi_id_5a3645e8; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX kpis_kpitarget_kpi_id_5a3645e8 ON public.kpis_kpitarget USING btree (kpi_id);


--
-- Name: membership_seat_unmanaged; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX membership_seat_unmanaged ON public.projects_membership USING btree (user_id, role) INCLUDE (project_id) WHERE (NOT manages);


--
-- Name: membership_user_role; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX membership_user_role ON public.projects_membership USING btree (user_id, role) INCLUDE (project_id);


--
-- Name: milestones__planned_556bf9_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones__planned_556bf9_idx ON public.milestones_milestone USING btree (planned_date);


--
-- Name: milestones__project_1c41e3_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones__project_1c41e3_idx ON public.milestones_milestone USING btree (project_id, planned_date);


--
-- Name: milestones_historicalmiles_from_milestone_id_ac71d796; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmiles_from_milestone_id_ac71d796 ON public.milestones_historicalmilestone_depends_on USING btree (from_milestone_id);


--
-- Name: milestones_historicalmiles_to_milestone_id_96888e6c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmiles_to_milestone_id_96888e6c ON public.milestones_historicalmilestone_depends_on USING btree (to_milestone_id);


--
-- Name: milestones_historicalmilestone_depends_on_history_id_5edc2d06; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmilestone_depends_on_history_id_5edc2d06 ON public.milestones_historicalmilestone_depends_on USING btree (history_id);


--
-- Name: milestones_historicalmilestone_depends_on_id_d2db1aee; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmilestone_depends_on_id_d2db1aee ON public.milestones_historicalmilestone_depends_on USING btree (id);


--
-- Name: milestones_historicalmilestone_history_date_e7c1f4db; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmilestone_history_date_e7c1f4db ON public.milestones_historicalmilestone USING btree (history_date);


--
-- Name: milestones_historicalmilestone_history_user_id_2ffc479d; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmilestone_history_user_id_2ffc479d ON public.milestones_historicalmilestone USING btree (history_user_id);


--
-- Name: milestones_historicalmilestone_id_9d2b5eb7; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmilestone_id_9d2b5eb7 ON public.milestones_historicalmilestone USING btree (id);


--
-- Name: milestones_historicalmilestone_phase_id_abc48394; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmilestone_phase_id_abc48394 ON public.milestones_historicalmilestone USING btree (phase_id);


--
-- Name: milestones_historicalmilestone_project_id_59616e15; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_historicalmilestone_project_id_59616e15 ON public.milestones_historicalmilestone USING btree (project_id);


--
-- Name: milestones_milestone_depends_on_from_milestone_id_1f41f3d8; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_milestone_depends_on_from_milestone_id_1f41f3d8 ON public.milestones_milestone_depends_on USING btree (from_milestone_id);


--
-- Name: milestones_milestone_depends_on_to_milestone_id_7d4b914c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_milestone_depends_on_to_milestone_id_7d4b914c ON public.milestones_milestone_depends_on USING btree (to_milestone_id);


--
-- Name: milestones_milestone_phase_id_9f9e67e4; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_milestone_phase_id_9f9e67e4 ON public.milestones_milestone USING btree (phase_id);


--
-- Name: milestones_milestone_project_id_6151cb75; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX milestones_milestone_project_id_6151cb75 ON public.milestones_milestone USING btree (project_id);


--
-- Name: project_code_by_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX project_code_by_id ON public.projects_project USING btree (id) INCLUDE (code);


--
-- Name: project_manager_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX project_manager_status ON public.projects_project USING btree (manager_id, status) INCLUDE (id);


--
-- Name: project_start_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX project_start_code ON public.projects_project USING btree (start_date, code);


--
-- Name: project_target_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX project_target_code ON public.projects_project USING btree (target_date, code);


--
-- Name: projects_co_project_b818ec_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_co_project_b818ec_idx ON public.projects_costentry USING btree (project_id, date);


--
-- Name: projects_costentry_project_id_baed6ade; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_costentry_project_id_baed6ade ON public.projects_costentry USING btree (project_id);


--
-- Name: projects_do_project_61af82_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_do_project_61af82_idx ON public.projects_document USING btree (project_id, due_date);


--
-- Name: projects_document_project_id_7b4bc7df; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_document_project_id_7b4bc7df ON public.projects_document USING btree (project_id);


--
-- Name: projects_historicalcostentry_history_date_9058a083; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalcostentry_history_date_9058a083 ON public.projects_historicalcostentry USING btree (history_date);


--
-- Name: projects_historicalcostentry_history_user_id_fbb8794a; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalcostentry_history_user_id_fbb8794a ON public.projects_historicalcostentry USING btree (history_user_id);


--
-- Name: projects_historicalcostentry_id_16972660; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalcostentry_id_16972660 ON public.projects_historicalcostentry USING btree (id);


--
-- Name: projects_historicalcostentry_project_id_b057f05e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalcostentry_project_id_b057f05e ON public.projects_historicalcostentry USING btree (project_id);


--
-- Name: projects_historicaldocument_history_date_70530329; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicaldocument_history_date_70530329 ON public.projects_historicaldocument USING btree (history_date);


--
-- Name: projects_historicaldocument_history_user_id_2b980185; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicaldocument_history_user_id_2b980185 ON public.projects_historicaldocument USING btree (history_user_id);


--
-- Name: projects_historicaldocument_id_c8315092; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicaldocument_id_c8315092 ON public.projects_historicaldocument USING btree (id);


--
-- Name: projects_historicaldocument_project_id_4165f1fe; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicaldocument_project_id_4165f1fe ON public.projects_historicaldocument USING btree (project_id);


--
-- Name: projects_historicalmembership_history_date_07e7d6a4; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalmembership_history_date_07e7d6a4 ON public.projects_historicalmembership USING btree (history_date);


--
-- Name: projects_historicalmembership_history_user_id_d0d93e05; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalmembership_history_user_id_d0d93e05 ON public.projects_historicalmembership USING btree (history_user_id);


--
-- Name: projects_historicalmembership_id_5f39913b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalmembership_id_5f39913b ON public.projects_historicalmembership USING btree (id);


--
-- Name: projects_historicalmembership_project_id_04e45cf2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalmembership_project_id_04e45cf2 ON public.projects_historicalmembership USING btree (project_id);


--
-- Name: projects_historicalmembership_user_id_a2a203c0; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalmembership_user_id_a2a203c0 ON public.projects_historicalmembership USING btree (user_id);


--
-- Name: projects_historicalproject_code_764a8fe8; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalproject_code_764a8fe8 ON public.projects_historicalproject USING btree (code);


--
-- Name: projects_historicalproject_code_764a8fe8_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalproject_code_764a8fe8_like ON public.projects_historicalproject USING btree (code varchar_pattern_ops);


--
-- Name: projects_historicalproject_department_id_77db71a5; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalproject_department_id_77db71a5 ON public.projects_historicalproject USING btree (department_id);


--
-- Name: projects_historicalproject_history_date_0bb8a670; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalproject_history_date_0bb8a670 ON public.projects_historicalproject USING btree (history_date);


--
-- Name: projects_historicalproject_history_user_id_b160e3aa; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalproject_history_user_id_b160e3aa ON public.projects_historicalproject USING btree (history_user_id);


--
-- Name: projects_historicalproject_id_4cae6a18; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalproject_id_4cae6a18 ON public.projects_historicalproject USING btree (id);


--
-- Name: projects_historicalproject_manager_id_0d2ebf91; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalproject_manager_id_0d2ebf91 ON public.projects_historicalproject USING btree (manager_id);


--
-- Name: projects_historicalrequirement_history_date_e0bde130; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalrequirement_history_date_e0bde130 ON public.projects_historicalrequirement USING btree (history_date);


--
-- Name: projects_historicalrequirement_history_user_id_d8ca1b9a; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalrequirement_history_user_id_d8ca1b9a ON public.projects_historicalrequirement USING btree (history_user_id);


--
-- Name: projects_historicalrequirement_id_a01a4e39; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalrequirement_id_a01a4e39 ON public.projects_historicalrequirement USING btree (id);


--
-- Name: projects_historicalrequirement_project_id_d2adf652; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_historicalrequirement_project_id_d2adf652 ON public.projects_historicalrequirement USING btree (project_id);


--
-- Name: projects_managertally_manager_id_4d57513d; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_managertally_manager_id_4d57513d ON public.projects_managertally USING btree (manager_id);


--
-- Name: projects_membership_project_id_5f65bf3f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_membership_project_id_5f65bf3f ON public.projects_membership USING btree (project_id);


--
-- Name: projects_phase_project_id_7c8a4399; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_phase_project_id_7c8a4399 ON public.projects_phase USING btree (project_id);


--
-- Name: projects_pr_departm_b6b5bb_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_pr_departm_b6b5bb_idx ON public.projects_project USING btree (department_id, status);


--
-- Name: projects_project_code_4fdb104e_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_project_code_4fdb104e_like ON public.projects_project USING btree (code varchar_pattern_ops);


--
-- Name: projects_project_department_id_2d73b0cf; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_project_department_id_2d73b0cf ON public.projects_project USING btree (department_id);


--
-- Name: projects_re_project_c7de6e_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_re_project_c7de6e_idx ON public.projects_requirement USING btree (project_id, status);


--
-- Name: projects_requirement_project_id_72e54ced; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_requirement_project_id_72e54ced ON public.projects_requirement USING btree (project_id);


--
-- Name: projects_tally_project_id_8a0c37ef; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_tally_project_id_8a0c37ef ON public.projects_tally USING btree (project_id);


--
-- Name: reviews_act_kind_915552_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_act_kind_915552_idx ON public.reviews_actionitem USING btree (kind, due_date);


--
-- Name: reviews_actionitem_meeting_id_f7237f89; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_actionitem_meeting_id_f7237f89 ON public.reviews_actionitem USING btree (meeting_id);


--
-- Name: reviews_actionitem_owner_id_e4509008; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_actionitem_owner_id_e4509008 ON public.reviews_actionitem USING btree (owner_id);


--
-- Name: reviews_agendaitem_meeting_id_9724d8a5; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_agendaitem_meeting_id_9724d8a5 ON public.reviews_agendaitem USING btree (meeting_id);


--
-- Name: reviews_cus_respond_b6252b_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_cus_respond_b6252b_idx ON public.reviews_customersatisfaction USING btree (responded_on);


--
-- Name: reviews_customersatisfaction_logged_by_id_7bcdee46; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_customersatisfaction_logged_by_id_7bcdee46 ON public.reviews_customersatisfaction USING btree (logged_by_id);


--
-- Name: reviews_customersatisfaction_project_id_5789619e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_customersatisfaction_project_id_5789619e ON public.reviews_customersatisfaction USING btree (project_id);


--
-- Name: reviews_decision_meeting_id_71e3e5fb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_decision_meeting_id_71e3e5fb ON public.reviews_decision USING btree (meeting_id);


--
-- Name: reviews_historicalactionitem_history_date_9f5f615a; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalactionitem_history_date_9f5f615a ON public.reviews_historicalactionitem USING btree (history_date);


--
-- Name: reviews_historicalactionitem_history_user_id_2873e4cd; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalactionitem_history_user_id_2873e4cd ON public.reviews_historicalactionitem USING btree (history_user_id);


--
-- Name: reviews_historicalactionitem_id_bd56cbca; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalactionitem_id_bd56cbca ON public.reviews_historicalactionitem USING btree (id);


--
-- Name: reviews_historicalactionitem_meeting_id_e90ff2c2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalactionitem_meeting_id_e90ff2c2 ON public.reviews_historicalactionitem USING btree (meeting_id);


--
-- Name: reviews_historicalactionitem_owner_id_9ccd25b8; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalactionitem_owner_id_9ccd25b8 ON public.reviews_historicalactionitem USING btree (owner_id);


--
-- Name: reviews_historicalmeeting_created_by_id_cde984be; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalmeeting_created_by_id_cde984be ON public.reviews_historicalmeeting USING btree (created_by_id);


--
-- Name: reviews_historicalmeeting_history_date_ce16096f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalmeeting_history_date_ce16096f ON public.reviews_historicalmeeting USING btree (history_date);


--
-- Name: reviews_historicalmeeting_history_user_id_41c38adf; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalmeeting_history_user_id_41c38adf ON public.reviews_historicalmeeting USING btree (history_user_id);


--
-- Name: reviews_historicalmeeting_id_3bfe4077; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalmeeting_id_3bfe4077 ON public.reviews_historicalmeeting USING btree (id);


--
-- Name: reviews_historicalmeeting_project_id_92fabbe8; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_historicalmeeting_project_id_92fabbe8 ON public.reviews_historicalmeeting USING btree (project_id);


--
-- Name: reviews_mee_held_on_e50616_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_mee_held_on_e50616_idx ON public.reviews_meeting USING btree (held_on);


--
-- Name: reviews_mee_project_5fa118_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_mee_project_5fa118_idx ON public.reviews_meeting USING btree (project_id, held_on);


--
-- Name: reviews_meeting_attendees_meeting_id_34799697; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_meeting_attendees_meeting_id_34799697 ON public.reviews_meeting_attendees USING btree (meeting_id);


--
-- Name: reviews_meeting_attendees_user_id_fe12699c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_meeting_attendees_user_id_fe12699c ON public.reviews_meeting_attendees USING btree (user_id);


--
-- Name: reviews_meeting_created_by_id_11b99428; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_meeting_created_by_id_11b99428 ON public.reviews_meeting USING btree (created_by_id);


--
-- Name: reviews_meeting_project_id_273b5320; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_meeting_project_id_273b5320 ON public.reviews_meeting USING btree (project_id);


--
-- Name: reviews_meetingfeedback_attendee_id_0efa47a9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_meetingfeedback_attendee_id_0efa47a9 ON public.reviews_meetingfeedback USING btree (attendee_id);


--
-- Name: reviews_meetingfeedback_meeting_id_a93aa59b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_meetingfeedback_meeting_id_a93aa59b ON public.reviews_meetingfeedback USING btree (meeting_id);


--
-- Name: reviews_surveyinvitation_created_by_id_4914ecd2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_surveyinvitation_created_by_id_4914ecd2 ON public.reviews_surveyinvitation USING btree (created_by_id);


--
-- Name: reviews_surveyinvitation_project_id_2b4be6e9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_surveyinvitation_project_id_2b4be6e9 ON public.reviews_surveyinvitation USING btree (project_id);


--
-- Name: reviews_tea_respond_f90ad9_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_tea_respond_f90ad9_idx ON public.reviews_teamcommunication USING btree (responded_on);


--
-- Name: reviews_teamcommunication_project_id_feecae81; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_teamcommunication_project_id_feecae81 ON public.reviews_teamcommunication USING btree (project_id);


--
-- Name: reviews_teamcommunication_rater_id_6c4f722a; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviews_teamcommunication_rater_id_6c4f722a ON public.reviews_teamcommunication USING btree (rater_id);


--
-- Name: risk_heat_cells; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risk_heat_cells ON public.risks_risk USING btree (project_id, probability, impact);


--
-- Name: risk_score_desc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risk_score_desc ON public.risks_risk USING btree (score DESC, id) INCLUDE (project_id);


--
-- Name: risks_historicalissue_history_date_042ababe; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalissue_history_date_042ababe ON public.risks_historicalissue USING btree (history_date);


--
-- Name: risks_historicalissue_history_user_id_9b86a676; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalissue_history_user_id_9b86a676 ON public.risks_historicalissue USING btree (history_user_id);


--
-- Name: risks_historicalissue_id_ceada707; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalissue_id_ceada707 ON public.risks_historicalissue USING btree (id);


--
-- Name: risks_historicalissue_owner_id_a8f4c695; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalissue_owner_id_a8f4c695 ON public.risks_historicalissue USING btree (owner_id);


--
-- Name: risks_historicalissue_project_id_ec467b70; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalissue_project_id_ec467b70 ON public.risks_historicalissue USING btree (project_id);


--
-- Name: risks_historicalissue_reported_by_id_c2f6e666; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalissue_reported_by_id_c2f6e666 ON public.risks_historicalissue USING btree (reported_by_id);


--
-- Name: risks_historicalrisk_history_date_3fd072bf; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalrisk_history_date_3fd072bf ON public.risks_historicalrisk USING btree (history_date);


--
-- Name: risks_historicalrisk_history_user_id_3b624513; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalrisk_history_user_id_3b624513 ON public.risks_historicalrisk USING btree (history_user_id);


--
-- Name: risks_historicalrisk_id_2d3aa688; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalrisk_id_2d3aa688 ON public.risks_historicalrisk USING btree (id);


--
-- Name: risks_historicalrisk_owner_id_297391c3; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalrisk_owner_id_297391c3 ON public.risks_historicalrisk USING btree (owner_id);


--
-- Name: risks_historicalrisk_project_id_60417517; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalrisk_project_id_60417517 ON public.risks_historicalrisk USING btree (project_id);


--
-- Name: risks_historicalriskresponse_history_date_d9fd9163; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalriskresponse_history_date_d9fd9163 ON public.risks_historicalriskresponse USING btree (history_date);


--
-- Name: risks_historicalriskresponse_history_user_id_cbad9bb0; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalriskresponse_history_user_id_cbad9bb0 ON public.risks_historicalriskresponse USING btree (history_user_id);


--
-- Name: risks_historicalriskresponse_id_6723ff65; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalriskresponse_id_6723ff65 ON public.risks_historicalriskresponse USING btree (id);


--
-- Name: risks_historicalriskresponse_owner_id_7815acdf; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalriskresponse_owner_id_7815acdf ON public.risks_historicalriskresponse USING btree (owner_id);


--
-- Name: risks_historicalriskresponse_risk_id_edba404f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_historicalriskresponse_risk_id_edba404f ON public.risks_historicalriskresponse USING btree (risk_id);


--
-- Name: risks_issue_owner_id_0e148dc0; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_issue_owner_id_0e148dc0 ON public.risks_issue USING btree (owner_id);


--
-- Name: risks_issue_project_4029dd_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_issue_project_4029dd_idx ON public.risks_issue USING btree (project_id, resolved_at);


--
-- Name: risks_issue_project_id_23a67dc9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_issue_project_id_23a67dc9 ON public.risks_issue USING btree (project_id);


--
-- Name: risks_issue_reported_by_id_7903c52d; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_issue_reported_by_id_7903c52d ON public.risks_issue USING btree (reported_by_id);


--
-- Name: risks_issue_resolve_6d2cfc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_issue_resolve_6d2cfc_idx ON public.risks_issue USING btree (resolved_at);


--
-- Name: risks_risk_owner_id_478b4ae3; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_risk_owner_id_478b4ae3 ON public.risks_risk USING btree (owner_id);


--
-- Name: risks_risk_project_f20864_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_risk_project_f20864_idx ON public.risks_risk USING btree (project_id, status);


--
-- Name: risks_risk_project_id_e20412db; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_risk_project_id_e20412db ON public.risks_risk USING btree (project_id);


--
-- Name: risks_riskr_due_dat_74d9dd_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_riskr_due_dat_74d9dd_idx ON public.risks_riskresponse USING btree (due_date);


--
-- Name: risks_riskresponse_owner_id_cda683fa; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_riskresponse_owner_id_cda683fa ON public.risks_riskresponse USING btree (owner_id);


--
-- Name: risks_riskresponse_risk_id_b726ce58; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX risks_riskresponse_risk_id_b726ce58 ON public.risks_riskresponse USING btree (risk_id);


--
-- Name: projects_membership membership_manages; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER membership_manages BEFORE INSERT OR UPDATE ON public.projects_membership FOR EACH ROW EXECUTE FUNCTION public.membership_manages();


--
-- Name: changes_changerequest tally_changes_changerequest_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_changes_changerequest_del AFTER DELETE ON public.changes_changerequest REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_changes_changerequest_del();


--
-- Name: changes_changerequest tally_changes_changerequest_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_changes_changerequest_ins AFTER INSERT ON public.changes_changerequest REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_changes_changerequest_ins();


--
-- Name: changes_changerequest tally_changes_changerequest_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_changes_changerequest_upd AFTER UPDATE ON public.changes_changerequest REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_changes_changerequest_upd();


--
-- Name: projects_project tally_manager_gone; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_manager_gone AFTER DELETE ON public.projects_project REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_manager_gone();


--
-- Name: projects_project tally_manager_moved; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_manager_moved AFTER UPDATE ON public.projects_project REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_manager_moved();


--
-- Name: projects_project tally_manager_new; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_manager_new AFTER INSERT ON public.projects_project REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_manager_new();


--
-- Name: milestones_milestone tally_milestones_milestone_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_milestones_milestone_del AFTER DELETE ON public.milestones_milestone REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_milestones_milestone_del();


--
-- Name: milestones_milestone tally_milestones_milestone_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_milestones_milestone_ins AFTER INSERT ON public.milestones_milestone REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_milestones_milestone_ins();


--
-- Name: milestones_milestone tally_milestones_milestone_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_milestones_milestone_upd AFTER UPDATE ON public.milestones_milestone REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_milestones_milestone_upd();


--
-- Name: reviews_meeting tally_reviews_meeting_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_reviews_meeting_del AFTER DELETE ON public.reviews_meeting REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_reviews_meeting_del();


--
-- Name: reviews_meeting tally_reviews_meeting_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_reviews_meeting_ins AFTER INSERT ON public.reviews_meeting REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_reviews_meeting_ins();


--
-- Name: reviews_meeting tally_reviews_meeting_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_reviews_meeting_upd AFTER UPDATE ON public.reviews_meeting REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_reviews_meeting_upd();


--
-- Name: risks_issue tally_risks_issue_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_risks_issue_del AFTER DELETE ON public.risks_issue REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_risks_issue_del();


--
-- Name: risks_issue tally_risks_issue_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_risks_issue_ins AFTER INSERT ON public.risks_issue REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_risks_issue_ins();


--
-- Name: risks_issue tally_risks_issue_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_risks_issue_upd AFTER UPDATE ON public.risks_issue REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_risks_issue_upd();


--
-- Name: risks_risk tally_risks_risk_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_risks_risk_del AFTER DELETE ON public.risks_risk REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_risks_risk_del();


--
-- Name: risks_risk tally_risks_risk_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_risks_risk_ins AFTER INSERT ON public.risks_risk REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_risks_risk_ins();


--
-- Name: risks_risk tally_risks_risk_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_risks_risk_upd AFTER UPDATE ON public.risks_risk REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_risks_risk_upd();


--
-- Name: projects_tally tally_rollup; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tally_rollup AFTER INSERT ON public.projects_tally REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tally_rollup();


--
-- Name: accounts_department accounts_department_head_id_d5b22056_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_department
    ADD CONSTRAINT accounts_department_head_id_d5b22056_fk_accounts_user_id FOREIGN KEY (head_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_department accounts_department_parent_id_1cf3cf29_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_department
    ADD CONSTRAINT accounts_department_parent_id_1cf3cf29_fk_accounts_ FOREIGN KEY (parent_id) REFERENCES public.accounts_department(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user accounts_user_department_id_8dc06840_fk_accounts_department_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user
    ADD CONSTRAINT accounts_user_department_id_8dc06840_fk_accounts_department_id FOREIGN KEY (department_id) REFERENCES public.accounts_department(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_groups accounts_user_groups_group_id_bd11a704_fk_auth_group_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_group_id_bd11a704_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES public.auth_group(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_groups accounts_user_groups_user_id_52b62117_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_user_id_52b62117_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_user_permissions accounts_user_user_p_permission_id_113bb443_fk_auth_perm; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_p_permission_id_113bb443_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES public.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_user_permissions accounts_user_user_p_user_id_e4f0a161_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_p_user_id_e4f0a161_fk_accounts_ FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_group_permissions auth_group_permissio_permission_id_84c5c92e_fk_auth_perm; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissio_permission_id_84c5c92e_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES public.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_group_permissions auth_group_permissions_group_id_b120cbf9_fk_auth_group_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_b120cbf9_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES public.auth_group(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_permission auth_permission_content_type_id_2f476e4b_fk_django_co; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_2f476e4b_fk_django_co FOREIGN KEY (content_type_id) REFERENCES public.django_content_type(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: authtoken_token authtoken_token_user_id_35299eff_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.authtoken_token
    ADD CONSTRAINT authtoken_token_user_id_35299eff_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_changerequest_affected_requirements changes_changereques_changerequest_id_4d2e7ed6_fk_changes_c; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest_affected_requirements
    ADD CONSTRAINT changes_changereques_changerequest_id_4d2e7ed6_fk_changes_c FOREIGN KEY (changerequest_id) REFERENCES public.changes_changerequest(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_changerequest changes_changereques_decided_by_id_73c66b65_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest
    ADD CONSTRAINT changes_changereques_decided_by_id_73c66b65_fk_accounts_ FOREIGN KEY (decided_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_changerequest changes_changereques_project_id_98697e41_fk_projects_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest
    ADD CONSTRAINT changes_changereques_project_id_98697e41_fk_projects_ FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_changerequest changes_changereques_requested_by_id_6bebb82b_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest
    ADD CONSTRAINT changes_changereques_requested_by_id_6bebb82b_fk_accounts_ FOREIGN KEY (requested_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_changerequest_affected_requirements changes_changereques_requirement_id_959926e2_fk_projects_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_changerequest_affected_requirements
    ADD CONSTRAINT changes_changereques_requirement_id_959926e2_fk_projects_ FOREIGN KEY (requirement_id) REFERENCES public.projects_requirement(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_historicalchangerequest changes_historicalch_history_user_id_7f3a47de_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_historicalchangerequest
    ADD CONSTRAINT changes_historicalch_history_user_id_7f3a47de_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_historicalmilestonechange changes_historicalmi_history_user_id_7e250464_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_historicalmilestonechange
    ADD CONSTRAINT changes_historicalmi_history_user_id_7e250464_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_milestonechange changes_milestonecha_change_request_id_dcb61e79_fk_changes_c; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_milestonechange
    ADD CONSTRAINT changes_milestonecha_change_request_id_dcb61e79_fk_changes_c FOREIGN KEY (change_request_id) REFERENCES public.changes_changerequest(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: changes_milestonechange changes_milestonecha_milestone_id_98e29433_fk_milestone; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.changes_milestonechange
    ADD CONSTRAINT changes_milestonecha_milestone_id_98e29433_fk_milestone FOREIGN KEY (milestone_id) REFERENCES public.milestones_milestone(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_admin_log django_admin_log_content_type_id_c4bce8eb_fk_django_co; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_content_type_id_c4bce8eb_fk_django_co FOREIGN KEY (content_type_id) REFERENCES public.django_content_type(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_admin_log django_admin_log_user_id_c564eba6_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_user_id_c564eba6_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_celery_beat_periodictask django_celery_beat_p_clocked_id_47a69f82_fk_django_ce; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_periodictask
    ADD CONSTRAINT django_celery_beat_p_clocked_id_47a69f82_fk_django_ce FOREIGN KEY (clocked_id) REFERENCES public.django_celery_beat_clockedschedule(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_celery_beat_periodictask django_celery_beat_p_crontab_id_d3cba168_fk_django_ce; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_periodictask
    ADD CONSTRAINT django_celery_beat_p_crontab_id_d3cba168_fk_django_ce FOREIGN KEY (crontab_id) REFERENCES public.django_celery_beat_crontabschedule(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_celery_beat_periodictask django_celery_beat_p_interval_id_a8ca27da_fk_django_ce; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_periodictask
    ADD CONSTRAINT django_celery_beat_p_interval_id_a8ca27da_fk_django_ce FOREIGN KEY (interval_id) REFERENCES public.django_celery_beat_intervalschedule(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_celery_beat_periodictask django_celery_beat_p_solar_id_a87ce72c_fk_django_ce; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_celery_beat_periodictask
    ADD CONSTRAINT django_celery_beat_p_solar_id_a87ce72c_fk_django_ce FOREIGN KEY (solar_id) REFERENCES public.django_celery_beat_solarschedule(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: kpis_kpitarget kpis_kpitarget_department_id_e978fe75_fk_accounts_department_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpitarget
    ADD CONSTRAINT kpis_kpitarget_department_id_e978fe75_fk_accounts_department_id FOREIGN KEY (department_id) REFERENCES public.accounts_department(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: kpis_kpitarget kpis_kpitarget_kpi_id_5a3645e8_fk_kpis_kpidefinition_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kpis_kpitarget
    ADD CONSTRAINT kpis_kpitarget_kpi_id_5a3645e8_fk_kpis_kpidefinition_id FOREIGN KEY (kpi_id) REFERENCES public.kpis_kpidefinition(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: milestones_historicalmilestone milestones_historica_history_user_id_2ffc479d_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_historicalmilestone
    ADD CONSTRAINT milestones_historica_history_user_id_2ffc479d_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: milestones_milestone_depends_on milestones_milestone_from_milestone_id_1f41f3d8_fk_milestone; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_milestone_depends_on
    ADD CONSTRAINT milestones_milestone_from_milestone_id_1f41f3d8_fk_milestone FOREIGN KEY (from_milestone_id) REFERENCES public.milestones_milestone(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: milestones_milestone milestones_milestone_phase_id_9f9e67e4_fk_projects_phase_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_milestone
    ADD CONSTRAINT milestones_milestone_phase_id_9f9e67e4_fk_projects_phase_id FOREIGN KEY (phase_id) REFERENCES public.projects_phase(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: milestones_milestone milestones_milestone_project_id_6151cb75_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_milestone
    ADD CONSTRAINT milestones_milestone_project_id_6151cb75_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: milestones_milestone_depends_on milestones_milestone_to_milestone_id_7d4b914c_fk_milestone; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.milestones_milestone_depends_on
    ADD CONSTRAINT milestones_milestone_to_milestone_id_7d4b914c_fk_milestone FOREIGN KEY (to_milestone_id) REFERENCES public.milestones_milestone(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_costentry projects_costentry_project_id_baed6ade_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_costentry
    ADD CONSTRAINT projects_costentry_project_id_baed6ade_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_document projects_document_project_id_7b4bc7df_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_document
    ADD CONSTRAINT projects_document_project_id_7b4bc7df_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_historicalcostentry projects_historicalc_history_user_id_fbb8794a_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalcostentry
    ADD CONSTRAINT projects_historicalc_history_user_id_fbb8794a_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_historicaldocument projects_historicald_history_user_id_2b980185_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicaldocument
    ADD CONSTRAINT projects_historicald_history_user_id_2b980185_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_historicalmembership projects_historicalm_history_user_id_d0d93e05_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalmembership
    ADD CONSTRAINT projects_historicalm_history_user_id_d0d93e05_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_historicalproject projects_historicalp_history_user_id_b160e3aa_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalproject
    ADD CONSTRAINT projects_historicalp_history_user_id_b160e3aa_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_historicalrequirement projects_historicalr_history_user_id_d8ca1b9a_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_historicalrequirement
    ADD CONSTRAINT projects_historicalr_history_user_id_d8ca1b9a_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_membership projects_membership_project_id_5f65bf3f_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_membership
    ADD CONSTRAINT projects_membership_project_id_5f65bf3f_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_membership projects_membership_user_id_13374535_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_membership
    ADD CONSTRAINT projects_membership_user_id_13374535_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_phase projects_phase_project_id_7c8a4399_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_phase
    ADD CONSTRAINT projects_phase_project_id_7c8a4399_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_project projects_project_department_id_2d73b0cf_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_project
    ADD CONSTRAINT projects_project_department_id_2d73b0cf_fk_accounts_ FOREIGN KEY (department_id) REFERENCES public.accounts_department(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_project projects_project_manager_id_d3b083b7_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_project
    ADD CONSTRAINT projects_project_manager_id_d3b083b7_fk_accounts_user_id FOREIGN KEY (manager_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: projects_requirement projects_requirement_project_id_72e54ced_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects_requirement
    ADD CONSTRAINT projects_requirement_project_id_72e54ced_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_actionitem reviews_actionitem_meeting_id_f7237f89_fk_reviews_meeting_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_actionitem
    ADD CONSTRAINT reviews_actionitem_meeting_id_f7237f89_fk_reviews_meeting_id FOREIGN KEY (meeting_id) REFERENCES public.reviews_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_actionitem reviews_actionitem_owner_id_e4509008_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_actionitem
    ADD CONSTRAINT reviews_actionitem_owner_id_e4509008_fk_accounts_user_id FOREIGN KEY (owner_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_agendaitem reviews_agendaitem_meeting_id_9724d8a5_fk_reviews_meeting_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_agendaitem
    ADD CONSTRAINT reviews_agendaitem_meeting_id_9724d8a5_fk_reviews_meeting_id FOREIGN KEY (meeting_id) REFERENCES public.reviews_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_customersatisfaction reviews_customersati_logged_by_id_7bcdee46_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_customersatisfaction
    ADD CONSTRAINT reviews_customersati_logged_by_id_7bcdee46_fk_accounts_ FOREIGN KEY (logged_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_customersatisfaction reviews_customersati_project_id_5789619e_fk_projects_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_customersatisfaction
    ADD CONSTRAINT reviews_customersati_project_id_5789619e_fk_projects_ FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_decision reviews_decision_meeting_id_71e3e5fb_fk_reviews_meeting_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_decision
    ADD CONSTRAINT reviews_decision_meeting_id_71e3e5fb_fk_reviews_meeting_id FOREIGN KEY (meeting_id) REFERENCES public.reviews_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_historicalactionitem reviews_historicalac_history_user_id_2873e4cd_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_historicalactionitem
    ADD CONSTRAINT reviews_historicalac_history_user_id_2873e4cd_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_historicalmeeting reviews_historicalme_history_user_id_41c38adf_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_historicalmeeting
    ADD CONSTRAINT reviews_historicalme_history_user_id_41c38adf_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_meeting_attendees reviews_meeting_atte_meeting_id_34799697_fk_reviews_m; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meeting_attendees
    ADD CONSTRAINT reviews_meeting_atte_meeting_id_34799697_fk_reviews_m FOREIGN KEY (meeting_id) REFERENCES public.reviews_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_meeting_attendees reviews_meeting_attendees_user_id_fe12699c_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meeting_attendees
    ADD CONSTRAINT reviews_meeting_attendees_user_id_fe12699c_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_meeting reviews_meeting_created_by_id_11b99428_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meeting
    ADD CONSTRAINT reviews_meeting_created_by_id_11b99428_fk_accounts_user_id FOREIGN KEY (created_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_meeting reviews_meeting_project_id_273b5320_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meeting
    ADD CONSTRAINT reviews_meeting_project_id_273b5320_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_meetingfeedback reviews_meetingfeedb_attendee_id_0efa47a9_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meetingfeedback
    ADD CONSTRAINT reviews_meetingfeedb_attendee_id_0efa47a9_fk_accounts_ FOREIGN KEY (attendee_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_meetingfeedback reviews_meetingfeedb_meeting_id_a93aa59b_fk_reviews_m; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_meetingfeedback
    ADD CONSTRAINT reviews_meetingfeedb_meeting_id_a93aa59b_fk_reviews_m FOREIGN KEY (meeting_id) REFERENCES public.reviews_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_surveyinvitation reviews_surveyinvita_created_by_id_4914ecd2_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_surveyinvitation
    ADD CONSTRAINT reviews_surveyinvita_created_by_id_4914ecd2_fk_accounts_ FOREIGN KEY (created_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_surveyinvitation reviews_surveyinvita_project_id_2b4be6e9_fk_projects_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_surveyinvitation
    ADD CONSTRAINT reviews_surveyinvita_project_id_2b4be6e9_fk_projects_ FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_surveyinvitation reviews_surveyinvita_response_id_8a3a6603_fk_reviews_c; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_surveyinvitation
    ADD CONSTRAINT reviews_surveyinvita_response_id_8a3a6603_fk_reviews_c FOREIGN KEY (response_id) REFERENCES public.reviews_customersatisfaction(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_teamcommunication reviews_teamcommunic_project_id_feecae81_fk_projects_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_teamcommunication
    ADD CONSTRAINT reviews_teamcommunic_project_id_feecae81_fk_projects_ FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: reviews_teamcommunication reviews_teamcommunication_rater_id_6c4f722a_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews_teamcommunication
    ADD CONSTRAINT reviews_teamcommunication_rater_id_6c4f722a_fk_accounts_user_id FOREIGN KEY (rater_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_historicalissue risks_historicalissu_history_user_id_9b86a676_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_historicalissue
    ADD CONSTRAINT risks_historicalissu_history_user_id_9b86a676_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_historicalrisk risks_historicalrisk_history_user_id_3b624513_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_historicalrisk
    ADD CONSTRAINT risks_historicalrisk_history_user_id_3b624513_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_historicalriskresponse risks_historicalrisk_history_user_id_cbad9bb0_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_historicalriskresponse
    ADD CONSTRAINT risks_historicalrisk_history_user_id_cbad9bb0_fk_accounts_ FOREIGN KEY (history_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_issue risks_issue_owner_id_0e148dc0_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_issue
    ADD CONSTRAINT risks_issue_owner_id_0e148dc0_fk_accounts_user_id FOREIGN KEY (owner_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_issue risks_issue_project_id_23a67dc9_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_issue
    ADD CONSTRAINT risks_issue_project_id_23a67dc9_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_issue risks_issue_reported_by_id_7903c52d_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_issue
    ADD CONSTRAINT risks_issue_reported_by_id_7903c52d_fk_accounts_user_id FOREIGN KEY (reported_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_risk risks_risk_owner_id_478b4ae3_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_risk
    ADD CONSTRAINT risks_risk_owner_id_478b4ae3_fk_accounts_user_id FOREIGN KEY (owner_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_risk risks_risk_project_id_e20412db_fk_projects_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_risk
    ADD CONSTRAINT risks_risk_project_id_e20412db_fk_projects_project_id FOREIGN KEY (project_id) REFERENCES public.projects_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_riskresponse risks_riskresponse_owner_id_cda683fa_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_riskresponse
    ADD CONSTRAINT risks_riskresponse_owner_id_cda683fa_fk_accounts_user_id FOREIGN KEY (owner_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: risks_riskresponse risks_riskresponse_risk_id_b726ce58_fk_risks_risk_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.risks_riskresponse
    ADD CONSTRAINT risks_riskresponse_risk_id_b726ce58_fk_risks_risk_id FOREIGN KEY (risk_id) REFERENCES public.risks_risk(id) DEFERRABLE INITIALLY DEFERRED;


--
-- PostgreSQL database dump complete
--

\unrestrict RSBLrGUONmShMsTmgkJ00hrk66wqmZYEih86979sqFThebdKJ0JhTylTadOy9nY

